//! Verification: beneficial owners and ownership certification
//! ([`owners`]), documents ([`documents`]) and KBA ([`kba`]).

pub(crate) mod documents;
mod kba;
pub(crate) mod multipart;
mod owners;

use http::Method;

use super::respond::{method_not_allowed, Resp};
use super::Call;

/// Answers the paths this family serves; `None` for the others.
pub(crate) fn route(call: &Call<'_>) -> Option<Resp> {
    let method = call.method;
    Some(match *call.segs {
        ["customers", id, "beneficial-owners"] => match *method {
            Method::GET => owners::list(call, id),
            Method::POST => owners::create(call, id),
            _ => method_not_allowed(),
        },
        ["beneficial-owners", id] => match *method {
            Method::GET => owners::get(call, id),
            Method::POST => owners::update(call, id),
            Method::DELETE => owners::remove(call, id),
            _ => method_not_allowed(),
        },
        ["customers", id, "beneficial-ownership"] => match *method {
            Method::GET => owners::ownership(call, id),
            Method::POST => owners::certify(call, id),
            _ => method_not_allowed(),
        },
        ["customers", id, "documents"] => match *method {
            Method::GET => documents::list_for_customer(call, id),
            Method::POST => documents::create_for_customer(call, id),
            _ => method_not_allowed(),
        },
        ["beneficial-owners", id, "documents"] => match *method {
            Method::GET => documents::list_for_owner(call, id),
            Method::POST => documents::create_for_owner(call, id),
            _ => method_not_allowed(),
        },
        ["documents", id] => match *method {
            Method::GET => documents::get(call, id),
            _ => method_not_allowed(),
        },
        ["customers", id, "kba"] => match *method {
            Method::POST => kba::create(call, id),
            _ => method_not_allowed(),
        },
        ["kba", id] => match *method {
            Method::GET => kba::get(call, id),
            Method::POST => kba::answer(call, id),
            _ => method_not_allowed(),
        },
        _ => return None,
    })
}
