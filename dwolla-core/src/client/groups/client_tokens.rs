//! `clientTokens.*`, and `tokens.*` (the application access token).

use crate::client_tokens::{ClientToken, CreateClientToken};
use crate::token::TokenResponse;
use crate::transport::HttpTransport;
use crate::{Client, Error};

impl<T: HttpTransport> Client<T> {
    /// `clientTokens.*` operations.
    pub fn client_tokens(&self) -> ClientTokens<'_, T> {
        ClientTokens { client: self }
    }

    /// `tokens.*` operations.
    pub fn tokens(&self) -> Tokens<'_, T> {
        Tokens { client: self }
    }
}

group!(
    /// `clientTokens.*` operations: a short-lived token for one action of one
    /// customer in Dwolla's drop-in components (see [`crate::client_tokens`]).
    ///
    /// ```
    /// use dwolla_core::client_tokens::{ClientTokenAction, CreateClientToken};
    /// use dwolla_core::{Client, Error, HttpTransport};
    ///
    /// /// For the browser: the application's own credentials never go there.
    /// async fn upload_token<T: HttpTransport>(
    ///     client: &Client<T>,
    ///     customer_id: &str,
    /// ) -> Result<String, Error> {
    ///     let op = CreateClientToken::new(ClientTokenAction::CustomerDocumentsCreate, customer_id);
    ///     let token = client.client_tokens().create(op).await?;
    ///     Ok(token.expose_secret().to_owned()) // `Debug` never shows it
    /// }
    /// ```
    ClientTokens
);

impl<T: HttpTransport> ClientTokens<'_, T> {
    calls! {
        /// Create a client token for a drop-in component (`POST /client-tokens`).
        fn create / create_with (request: CreateClientToken) -> ClientToken = request;
    }
}

group!(
    /// `tokens.*` operations: an application access token for use elsewhere (the
    /// client's own calls need none of this: see [`Tokens::create`]).
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// use dwolla_core::{AccessToken, Client, Error, HttpTransport};
    ///
    /// /// A fresh token for another process or a tool.
    /// async fn token_for_a_tool<T: HttpTransport>(
    ///     client: &Client<T>,
    /// ) -> Result<(AccessToken, Duration), Error> {
    ///     let token = client.tokens().create().await?;
    ///     println!("a token valid for {} s", token.expires_in().as_secs());
    ///     Ok(token.into_parts())
    /// }
    /// ```
    Tokens
);

impl<T: HttpTransport> Tokens<'_, T> {
    /// Create an application access token (`POST /token`) with the client's
    /// credentials: a fresh one every call, for use elsewhere (another
    /// process, a tool). The client's own calls need none of this: they use
    /// its cache, which this neither reads nor fills.
    ///
    /// The request is the one
    /// [`CreateApplicationAccessToken`](crate::token::CreateApplicationAccessToken)
    /// builds, sent as the client sends its own token requests: with its
    /// retry policy and default timeout (it takes no per-call options). A
    /// refusal is [`Error::Token`].
    pub async fn create(&self) -> Result<TokenResponse, Error> {
        let inner = &*self.client.inner;
        let deadline = crate::client::deadline(inner.clock.now(), inner.timeout);
        let (token, expires_in) = self.client.fetch_token(deadline).await?;
        Ok(TokenResponse::from_parts(token, expires_in))
    }
}
