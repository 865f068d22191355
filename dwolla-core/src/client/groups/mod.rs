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

#[allow(unused_imports)] // SCAFFOLD: empty until typed
pub use accounts::*;
#[allow(unused_imports)] // SCAFFOLD: empty until typed
pub use beneficial_owners::*;
#[allow(unused_imports)] // SCAFFOLD: empty until typed
pub use business_classifications::*;
#[allow(unused_imports)] // SCAFFOLD: empty until typed
pub use client_tokens::*;
#[allow(unused_imports)] // SCAFFOLD: empty until typed
pub use customers::*;
#[allow(unused_imports)] // SCAFFOLD: empty until typed
pub use documents::*;
#[allow(unused_imports)] // SCAFFOLD: empty until typed
pub use events::*;
#[allow(unused_imports)] // SCAFFOLD: empty until typed
pub use exchange_partners::*;
#[allow(unused_imports)] // SCAFFOLD: empty until typed
pub use exchange_sessions::*;
#[allow(unused_imports)] // SCAFFOLD: empty until typed
pub use exchanges::*;
#[allow(unused_imports)] // SCAFFOLD: empty until typed
pub use funding_sources::*;
#[allow(unused_imports)] // SCAFFOLD: empty until typed
pub use hal::*;
#[allow(unused_imports)] // SCAFFOLD: empty until typed
pub use kba::*;
#[allow(unused_imports)] // SCAFFOLD: empty until typed
pub use labels::*;
#[allow(unused_imports)] // SCAFFOLD: empty until typed
pub use mass_payments::*;
#[allow(unused_imports)] // SCAFFOLD: empty until typed
pub use root::*;
#[allow(unused_imports)] // SCAFFOLD: empty until typed
pub use sandbox::*;
#[allow(unused_imports)] // SCAFFOLD: empty until typed
pub use transfers::*;
#[allow(unused_imports)] // SCAFFOLD: empty until typed
pub use webhook_subscriptions::*;
#[allow(unused_imports)] // SCAFFOLD: empty until typed
pub use webhooks::*;
