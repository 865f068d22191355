//! The listener and the connections.
//!
//! Accepting runs on a plain OS thread with a blocking std listener, so that
//! dropping the [`Emulator`](super::Emulator) closes the listening socket
//! before `drop` returns: a connection attempt right after it is refused,
//! whatever the runtime is doing. Each accepted connection is served by a
//! tokio task on the runtime the emulator was started on.

use std::collections::HashMap;
use std::io;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::watch;
use tokio::task::AbortHandle;

use super::handlers;
use super::state::Shared;

type Connections = Arc<Mutex<HashMap<u64, AbortHandle>>>;

/// The running server; stops when dropped.
#[derive(Debug)]
pub(crate) struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    accept_thread: Option<JoinHandle<()>>,
    shutdown: watch::Sender<bool>,
    connections: Connections,
}

impl Server {
    /// Starts serving `listener` on the current tokio runtime.
    pub(crate) fn start(listener: TcpListener, shared: Arc<Shared>) -> io::Result<Server> {
        let runtime = tokio::runtime::Handle::try_current().map_err(io::Error::other)?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let (shutdown, shutdown_rx) = watch::channel(false);
        let connections: Connections = Arc::default();
        let accept_thread = {
            let stop = stop.clone();
            let connections = connections.clone();
            std::thread::Builder::new()
                .name(format!("dwolla-emulator-{}", addr.port()))
                .spawn(move || {
                    accept_loop(
                        listener,
                        &stop,
                        &runtime,
                        &shared,
                        &shutdown_rx,
                        &connections,
                    )
                })?
        };
        Ok(Server {
            addr,
            stop,
            accept_thread: Some(accept_thread),
            shutdown,
            connections,
        })
    }

    pub(crate) fn addr(&self) -> SocketAddr {
        self.addr
    }
}

fn accept_loop(
    listener: TcpListener,
    stop: &AtomicBool,
    runtime: &tokio::runtime::Handle,
    shared: &Arc<Shared>,
    shutdown: &watch::Receiver<bool>,
    connections: &Connections,
) {
    let mut next_id: u64 = 0;
    loop {
        let accepted = listener.accept();
        if stop.load(Ordering::SeqCst) {
            return; // drops the listener: later connection attempts are refused
        }
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(e) => {
                tracing::warn!(error = %e, "dwolla emulator: accept failed");
                // Out of file descriptors and the like: don't spin.
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        if stream.set_nonblocking(true).is_err() {
            continue;
        }
        let _ = stream.set_nodelay(true);
        next_id += 1;
        let id = next_id;
        // Hold the lock across spawn and insert, so a connection that ends at
        // once still finds its entry to remove.
        let mut conns = connections.lock().unwrap_or_else(PoisonError::into_inner);
        let task = runtime.spawn(serve(
            stream,
            shared.clone(),
            shutdown.clone(),
            connections.clone(),
            id,
        ));
        conns.insert(id, task.abort_handle());
    }
}

async fn serve(
    stream: TcpStream,
    shared: Arc<Shared>,
    mut shutdown: watch::Receiver<bool>,
    connections: Connections,
    id: u64,
) {
    if let Ok(stream) = tokio::net::TcpStream::from_std(stream) {
        let service = service_fn(move |req| handlers::handle(shared.clone(), req));
        let conn = http1::Builder::new()
            .timer(TokioTimer::new())
            .keep_alive(true)
            .serve_connection(TokioIo::new(stream), service);
        tokio::pin!(conn);
        tokio::select! {
            result = conn.as_mut() => {
                if let Err(e) = result {
                    tracing::debug!(error = %e, "dwolla emulator: connection ended with an error");
                }
            }
            () = async { let _ = shutdown.wait_for(|stop| *stop).await; } => {
                conn.as_mut().graceful_shutdown();
                let _ = conn.await;
            }
        }
    }
    connections
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .remove(&id);
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept; the thread then sees `stop` and returns,
        // closing the listener.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(thread) = self.accept_thread.take() {
            let _ = thread.join();
        }
        // Idle connections close gracefully; anything still running is aborted.
        let _ = self.shutdown.send(true);
        let conns = std::mem::take(
            &mut *self
                .connections
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        );
        for (_, task) in conns {
            task.abort();
        }
    }
}
