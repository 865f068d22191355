//! Grouped calls that mirror the reference SDK (`dwolla.customers.exchangeSessions.create`
//! becomes `client.customers().exchange_sessions().create(..)`), each a thin
//! wrapper over [`Client::execute_with`](crate::Client::execute_with), with a
//! `*_with(.., options)` form taking [`RequestOptions`](crate::RequestOptions).
//!
//! One file per resource family, as the resources are laid out; a group that
//! several families add to (`customers()`) is declared in its own family's
//! file and extended by the others.

/// One call and its `*_with(.., options)` twin: `$op` is the operation
/// built from the arguments.
macro_rules! calls {
    ($(
        $(#[$doc:meta])*
        fn $name:ident / $name_with:ident ($($arg:ident: $ty:ty),*) -> $out:ty = $op:expr;
    )+) => {$(
        $(#[$doc])*
        pub async fn $name(&self, $($arg: $ty),*) -> Result<$out, $crate::Error> {
            self.client.execute($op).await
        }
        #[doc = concat!("[`", stringify!($name), "`](Self::", stringify!($name), ") with per-call options.")]
        pub async fn $name_with(
            &self,
            $($arg: $ty,)*
            options: $crate::RequestOptions,
        ) -> Result<$out, $crate::Error> {
            self.client.execute_with($op, options).await
        }
    )+};
}

/// A group of calls: a borrowed client.
macro_rules! group {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $name<'a, T> {
            pub(crate) client: &'a $crate::Client<T>,
        }
    };
}

mod accounts;
mod beneficial_owners;
mod business_classifications;
mod client_tokens;
mod customers;
mod documents;
mod events;
mod exchange_partners;
mod exchange_sessions;
mod exchanges;
mod funding_sources;
mod hal;
mod kba;
mod labels;
mod mass_payments;
mod root;
mod sandbox;
mod transfers;
mod webhook_subscriptions;
mod webhooks;

pub use accounts::*;
pub use beneficial_owners::*;
pub use business_classifications::*;
pub use client_tokens::*;
pub use customers::*;
pub use documents::*;
pub use events::*;
pub use exchange_partners::*;
pub use exchange_sessions::*;
pub use exchanges::*;
pub use funding_sources::*;
pub use hal::*;
pub use kba::*;
pub use labels::*;
pub use mass_payments::*;
pub use root::*;
pub use sandbox::*;
pub use transfers::*;
pub use webhook_subscriptions::*;
pub use webhooks::*;
