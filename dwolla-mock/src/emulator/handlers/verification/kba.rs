//! KBA: `POST /customers/{id}/kba` (a customer in `kba` status only),
//! `GET /kba/{id}` (four questions) and `POST /kba/{id}` (the answers;
//! one attempt).
//!
//! As in Dwolla's sandbox, answering every question with its "None of the
//! above" (or "I have never been associated with this vehicle") passes:
//! `verificationStatus: verified`, the customer `verified`. Any other
//! answers fail: `verificationStatus: failed`, the customer moves to
//! `document`. The two-minute limit after reading the questions is not
//! played.

use http::StatusCode;
use serde_json::{json, Value};

use super::super::super::state::customers::{DocumentNeeds, Status};
use super::super::super::state::verification::KbaSession;
use super::super::auth::check_content_type;
use super::super::customers::customer_not_found;
use super::super::idempotency::{idempotency_key, remember, remember_reply, replay};
use super::super::respond::{created, error, hal, link, parse_json_object, Problems, Resp};
use super::super::Call;

/// (question id, text, [(answer id, text)]); the last answer of each passes.
type Question = (
    &'static str,
    &'static str,
    [(&'static str, &'static str); 5],
);

const QUESTIONS: [Question; 4] = [
    (
        "2355953375",
        "In what county do you currently live?",
        [
            ("2687969295", "Pulaski"),
            ("2687969305", "St. Joseph"),
            ("2687969315", "Daviess"),
            ("2687969325", "Jackson"),
            ("2687969335", "None of the above"),
        ],
    ),
    (
        "2355953385",
        "Which team nickname is associated with a college you attended?",
        [
            ("2687969345", "Colts"),
            ("2687969355", "Eagles"),
            ("2687969365", "Gator"),
            ("2687969375", "Sentinels"),
            ("2687969385", "None of the above"),
        ],
    ),
    (
        "2355953395",
        "What kind of IA license plate has been on your 1996 Acura TL?",
        [
            ("2687969395", "Antique"),
            ("2687969405", "Disabled Veteran"),
            ("2687969415", "Educational Affiliation"),
            ("2687969425", "Military Honor"),
            (
                "2687969435",
                "I have never been associated with this vehicle",
            ),
        ],
    ),
    (
        "2355953405",
        "Which of the following is a current or previous employer?",
        [
            ("2687969445", "Hy-Vee"),
            ("2687969455", "Principal Financial Group"),
            ("2687969465", "Wells Fargo"),
            ("2687969475", "John Deere"),
            ("2687969485", "None of the above"),
        ],
    ),
];

fn session_not_valid() -> Resp {
    error(
        StatusCode::FORBIDDEN,
        "InvalidResourceState",
        "The kba session is no longer valid.",
    )
}

pub(crate) fn create(call: &Call<'_>, customer_id: &str) -> Resp {
    if let Err(resp) = check_content_type(call.headers, call.body) {
        return resp;
    }
    let base = call.shared.base_url.as_str();
    let key = idempotency_key(call.headers);
    let mut data = call.shared.data();
    let Some(c) = data.customer(customer_id) else {
        return customer_not_found();
    };
    let customer_id = c.id.clone();
    let status = c.status;
    if let Some(resp) = replay(&data, key, call.path, call.body) {
        return resp;
    }
    if status != Status::Kba {
        return error(
            StatusCode::FORBIDDEN,
            "InvalidResourceState",
            "Resource cannot be modified. KBA sessions are only for customers in kba status.",
        );
    }
    let id = uuid::Uuid::new_v4().to_string();
    data.verification.kba.push(KbaSession {
        id: id.clone(),
        customer_id,
        answered: false,
    });
    let location = format!("{base}/kba/{id}");
    remember(&mut data, key, call.path, call.body, &location);
    created(&location)
}

pub(crate) fn get(call: &Call<'_>, id: &str) -> Resp {
    let data = call.shared.data();
    let Some(session) = data
        .verification
        .kba
        .iter()
        .find(|s| s.id.eq_ignore_ascii_case(id))
    else {
        return error(
            StatusCode::NOT_FOUND,
            "NotFound",
            "KBA questions not found. Check KBA id.",
        );
    };
    if session.answered {
        return session_not_valid();
    }
    let questions: Vec<Value> = QUESTIONS
        .iter()
        .map(|(id, text, answers)| {
            let answers: Vec<Value> = answers
                .iter()
                .map(|(id, text)| json!({ "id": id, "text": text }))
                .collect();
            json!({ "id": id, "text": text, "answers": answers })
        })
        .collect();
    let me = format!("{}/kba/{}", call.shared.base_url, session.id);
    hal(
        StatusCode::OK,
        &json!({
            "_links": { "answer": link(me, "kba") },
            "id": session.id,
            "questions": questions,
        }),
    )
}

/// The answers of a `POST /kba/{id}` body: whether every one passes.
fn read_answers(body: &Value) -> Result<bool, Resp> {
    let mut p = Problems::default();
    let Some(answers) = body.get("answers").and_then(Value::as_array) else {
        p.push("Required", "Answers are required.", "/answers");
        return Err(p.response());
    };
    if answers.len() != QUESTIONS.len() {
        p.push(
            "Invalid",
            "Answer each of the four questions exactly once.",
            "/answers",
        );
        return Err(p.response());
    }
    let mut seen = Vec::new();
    let mut all_pass = true;
    for (i, answer) in answers.iter().enumerate() {
        let question_id = answer.get("questionId").and_then(Value::as_str);
        let answer_id = answer.get("answerId").and_then(Value::as_str);
        let question = question_id.and_then(|q| QUESTIONS.iter().find(|(id, _, _)| *id == q));
        let Some((qid, _, choices)) = question else {
            p.push(
                "Invalid",
                "QuestionId is not one of the session's questions.",
                format!("/answers/{i}/questionId"),
            );
            continue;
        };
        if seen.contains(qid) {
            p.push(
                "Invalid",
                "Each question is answered once.",
                format!("/answers/{i}/questionId"),
            );
            continue;
        }
        seen.push(*qid);
        match choices.iter().position(|(id, _)| Some(*id) == answer_id) {
            Some(k) => all_pass &= k == choices.len() - 1,
            None => p.push(
                "Invalid",
                "AnswerId is not one of the question's answers.",
                format!("/answers/{i}/answerId"),
            ),
        }
    }
    p.finish().map(|()| all_pass)
}

pub(crate) fn answer(call: &Call<'_>, id: &str) -> Resp {
    if let Err(resp) = check_content_type(call.headers, call.body) {
        return resp;
    }
    let base = call.shared.base_url.as_str();
    let key = idempotency_key(call.headers);
    let mut data = call.shared.data();
    let Some(session) = data
        .verification
        .kba
        .iter()
        .find(|s| s.id.eq_ignore_ascii_case(id))
        .cloned()
    else {
        return error(StatusCode::NOT_FOUND, "NotFound", "KBA session not found.");
    };
    if let Some(resp) = replay(&data, key, call.path, call.body) {
        return resp;
    }
    let still_kba = data
        .customer(&session.customer_id)
        .is_some_and(|c| c.status == Status::Kba);
    if session.answered || !still_kba {
        return session_not_valid();
    }
    let body = match parse_json_object(call.body) {
        Ok(v) => v,
        Err(resp) => return resp,
    };
    let passed = match read_answers(&body) {
        Ok(passed) => passed,
        Err(resp) => return resp,
    };
    if let Some(s) = data
        .verification
        .kba
        .iter_mut()
        .find(|s| s.id == session.id)
    {
        s.answered = true;
    }
    let customer_id = session.customer_id.as_str();
    if passed {
        data.customer_event(base, "customer_kba_verification_passed", customer_id);
        data.set_customer_status(base, customer_id, Status::Verified);
    } else {
        data.customer_event(base, "customer_kba_verification_failed", customer_id);
        if let Some(c) = data.customer_mut(customer_id) {
            c.document_needs = DocumentNeeds {
                person: true,
                business: false,
            };
        }
        data.set_customer_status(base, customer_id, Status::Document);
    }
    let doc = json!({
        "_links": { "customer": link(format!("{base}/customers/{customer_id}"), "customer") },
        "verificationStatus": if passed { "verified" } else { "failed" },
    });
    remember_reply(&mut data, key, call.path, call.body, StatusCode::OK, &doc);
    hal(StatusCode::OK, &doc)
}
