//! The emulator's response body: whole, or cut off mid-way on purpose.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use hyper::body::{Body, Frame, SizeHint};

/// A response body.
#[derive(Debug)]
pub(crate) enum EmuBody {
    /// The whole body, sent with an exact length.
    Full(Option<Bytes>),
    /// Sends `head`, yields once (so hyper flushes the status line, headers
    /// and `head` to the socket), then fails, which makes hyper close the
    /// connection. Used with a `Content-Length` larger than `head`, so the
    /// client sees an incomplete body.
    Truncated { head: Option<Bytes>, yielded: bool },
}

impl EmuBody {
    pub(crate) fn empty() -> Self {
        EmuBody::Full(None)
    }

    pub(crate) fn full(bytes: impl Into<Bytes>) -> Self {
        let bytes = bytes.into();
        if bytes.is_empty() {
            EmuBody::Full(None)
        } else {
            EmuBody::Full(Some(bytes))
        }
    }

    pub(crate) fn truncated(head: Bytes) -> Self {
        EmuBody::Truncated {
            head: (!head.is_empty()).then_some(head),
            yielded: false,
        }
    }
}

impl Body for EmuBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        match self.get_mut() {
            EmuBody::Full(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            EmuBody::Truncated { head, yielded } => {
                if let Some(b) = head.take() {
                    return Poll::Ready(Some(Ok(Frame::data(b))));
                }
                if !*yielded {
                    *yielded = true;
                    cx.waker().wake_by_ref();
                    return Poll::Pending;
                }
                Poll::Ready(Some(Err(io::Error::new(
                    io::ErrorKind::ConnectionAborted,
                    "emulator fault: response cut off mid-body",
                ))))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, EmuBody::Full(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            EmuBody::Full(b) => SizeHint::with_exact(b.as_ref().map_or(0, |b| b.len() as u64)),
            // Unknown, so hyper takes the length from our Content-Length header.
            EmuBody::Truncated { .. } => SizeHint::default(),
        }
    }
}
