//! The HTTP clients and TLS. Every request goes through rustls with the system's trusted
//! roots plus any `--ca-cert` roots or intermediates, verifying certificates, unless its host
//! was named explicitly: `--insecure-host HOST` skips certificate verification for that host,
//! `--legacy-tls-host HOST` uses the system's OpenSSL instead (which still speaks the older
//! cipher suites some council servers offer). Neither is ever on by default; both are logged.
//! A TLS failure is reported as such, with its cause in words. Each host has a client (a
//! connection pool) of its own, and only the [`KEPT_HOSTS`] used last are kept, so that the
//! sockets open at once stay few however many sites a run visits.

use super::address::GuardResolver;
use super::{FetchConfig, FetchError};
use reqwest::blocking::Client;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How a host is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Verified,
    /// Certificates not verified (`--insecure-host`).
    Insecure,
    /// The system's OpenSSL (`--legacy-tls-host`), verifying unless also insecure.
    Legacy {
        verify: bool,
    },
}

impl Mode {
    /// What a record fetched this way should say, if anything.
    pub fn note(self) -> Option<&'static str> {
        match self {
            Mode::Verified => None,
            Mode::Insecure => {
                Some("fetched without verifying the server's certificate (--insecure-host)")
            }
            Mode::Legacy { verify: true } => {
                Some("fetched with the system's OpenSSL for older ciphers (--legacy-tls-host)")
            }
            Mode::Legacy { verify: false } => Some(
                "fetched with the system's OpenSSL without verifying the server's certificate (--legacy-tls-host, --insecure-host)",
            ),
        }
    }
}

/// The most hosts whose connections are kept open at once. Each host has a client, and so a
/// connection pool, of its own; the client of the host used longest ago is dropped, and its
/// idle connections closed, when another host is needed. A crawl works on a few sites at a
/// time (`--sites`, default 4) plus the hosts their documents link to, so a national run holds
/// a bounded few dozen descriptors (each client has a thread with three, and at most two idle
/// sockets), not a socket per council visited.
pub const KEPT_HOSTS: usize = 8;

/// The clients of one fetcher: one per host, built when the host is first asked for.
pub struct Clients {
    cfg: FetchConfig,
    resolver: Arc<GuardResolver>,
    certs: Vec<reqwest::Certificate>,
    /// Hosts and their clients, the one used last at the end.
    kept: Mutex<Vec<Kept>>,
}

fn host_matches(list: &[String], host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    list.iter().any(|h| {
        let h = h.trim().trim_end_matches('.').to_ascii_lowercase();
        host == h || host.ends_with(&format!(".{h}"))
    })
}

fn builder(
    cfg: &FetchConfig,
    resolver: &Arc<GuardResolver>,
    certs: &[reqwest::Certificate],
) -> reqwest::blocking::ClientBuilder {
    Client::builder()
        .user_agent(cfg.user_agent.clone())
        .redirect(reqwest::redirect::Policy::none())
        // Each request sets its own total time; this is only the ceiling.
        .timeout(Some(Duration::from_secs(24 * 3600)))
        .connect_timeout(cfg.connect_timeout)
        .pool_max_idle_per_host(2)
        .dns_resolver(Arc::clone(resolver))
        .tls_certs_merge(certs.iter().cloned())
}

/// A client that reaches hosts in `mode`.
fn client(
    cfg: &FetchConfig,
    resolver: &Arc<GuardResolver>,
    certs: &[reqwest::Certificate],
    mode: Mode,
) -> Result<Client, FetchError> {
    let b = builder(cfg, resolver, certs);
    let b = match mode {
        Mode::Verified => b.tls_backend_rustls(),
        Mode::Insecure => b.tls_backend_rustls().tls_danger_accept_invalid_certs(true),
        Mode::Legacy { verify } => b
            .tls_backend_native()
            .tls_danger_accept_invalid_certs(!verify),
    };
    b.build().map_err(|e| FetchError::Setup(error_chain(&e)))
}

impl Clients {
    pub fn build(cfg: &FetchConfig, resolver: Arc<GuardResolver>) -> Result<Clients, FetchError> {
        // Fails only when a provider is already installed, which is what we want anyway.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut certs = Vec::new();
        for pem in &cfg.ca_certs {
            let found = reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|e| FetchError::Setup(format!("--ca-cert: {e}")))?;
            if found.is_empty() {
                return Err(FetchError::Setup(
                    "--ca-cert: no PEM certificate in the file".into(),
                ));
            }
            certs.extend(found);
        }
        // Every kind of client the options ask for is built once now, so that a setting that
        // cannot work is an error before the first request.
        let mut modes = vec![Mode::Verified];
        if !cfg.insecure_hosts.is_empty() {
            modes.push(Mode::Insecure);
        }
        if !cfg.legacy_tls_hosts.is_empty() {
            modes.push(Mode::Legacy { verify: true });
            if !cfg.insecure_hosts.is_empty() {
                modes.push(Mode::Legacy { verify: false });
            }
        }
        for mode in modes {
            client(cfg, &resolver, &certs, mode)?;
        }
        Ok(Clients {
            cfg: cfg.clone(),
            resolver,
            certs,
            kept: Mutex::default(),
        })
    }

    /// How a host is reached.
    pub fn mode(&self, host: &str) -> Mode {
        let insecure = host_matches(&self.cfg.insecure_hosts, host);
        if host_matches(&self.cfg.legacy_tls_hosts, host) {
            Mode::Legacy { verify: !insecure }
        } else if insecure {
            Mode::Insecure
        } else {
            Mode::Verified
        }
    }

    /// The client for a host (its own connection pool), and how it reaches it.
    pub fn for_host(&self, host: &str) -> Result<(Client, Mode), FetchError> {
        if let Some(found) = use_kept(&mut self.lock_kept(), host) {
            return Ok(found);
        }
        // Built outside the lock (it starts a thread and loads the trusted roots), so that
        // requests to hosts already kept do not wait for it.
        let mode = self.mode(host);
        let c = client(&self.cfg, &self.resolver, &self.certs, mode)?;
        let evicted = {
            let mut kept = self.lock_kept();
            // Another thread may have built one for this host meanwhile: theirs is kept.
            if let Some(found) = use_kept(&mut kept, host) {
                return Ok(found);
            }
            kept.push((host.to_string(), c.clone(), mode));
            (kept.len() > KEPT_HOSTS).then(|| kept.remove(0))
        };
        // Dropped after the lock: closing a client waits for its thread. A request still
        // using it keeps its clone; the pool closes when that ends.
        drop(evicted);
        Ok((c, mode))
    }

    fn lock_kept(&self) -> std::sync::MutexGuard<'_, Vec<Kept>> {
        self.kept.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The hosts whose clients are kept now, the one used last at the end.
    pub fn kept_hosts(&self) -> Vec<String> {
        self.lock_kept().iter().map(|(h, _, _)| h.clone()).collect()
    }
}

/// A host and its client.
type Kept = (String, Client, Mode);

/// The kept client of `host`, made the one used last.
fn use_kept(kept: &mut Vec<Kept>, host: &str) -> Option<(Client, Mode)> {
    let i = kept.iter().position(|(h, _, _)| h == host)?;
    let entry = kept.remove(i);
    let found = (entry.1.clone(), entry.2);
    kept.push(entry);
    Some(found)
}

/// An error and its causes on one line (reqwest's own message hides the cause).
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        let part = s.to_string();
        if !msg.contains(&part) {
            msg.push_str(": ");
            msg.push_str(&part);
        }
        src = s.source();
    }
    msg
}

/// The rustls error somewhere in an error's causes.
fn rustls_cause(e: &(dyn std::error::Error + 'static)) -> Option<rustls::Error> {
    let mut src: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = src {
        if let Some(r) = s.downcast_ref::<rustls::Error>() {
            return Some(r.clone());
        }
        if let Some(io) = s.downcast_ref::<std::io::Error>()
            && let Some(inner) = io.get_ref()
            && let Some(r) = inner.downcast_ref::<rustls::Error>()
        {
            return Some(r.clone());
        }
        src = s.source();
    }
    None
}

const HINT_CERT: &str = "--ca-cert FILE adds a root or the missing intermediate; --insecure-host HOST skips verification for that host";
const HINT_CIPHERS: &str = "--legacy-tls-host HOST reaches it through the system's OpenSSL";

/// The TLS failure an error stands for, in words; `None` when it is not a TLS failure.
pub fn describe(e: &(dyn std::error::Error + 'static)) -> Option<String> {
    if let Some(r) = rustls_cause(e) {
        use rustls::{AlertDescription as A, CertificateError as C, Error as E};
        return Some(match r {
            E::InvalidCertificate(C::UnknownIssuer) => format!(
                "the server's certificate was issued by an authority this tool does not trust, or the server does not send its intermediate certificate (UnknownIssuer); {HINT_CERT}"
            ),
            E::InvalidCertificate(C::Expired | C::ExpiredContext { .. }) => {
                format!("the server's certificate has expired; {HINT_CERT}")
            }
            E::InvalidCertificate(C::NotValidForName | C::NotValidForNameContext { .. }) => {
                format!("the server's certificate is for another name; {HINT_CERT}")
            }
            E::InvalidCertificate(c) => {
                format!("the server's certificate is not valid ({c:?}); {HINT_CERT}")
            }
            E::AlertReceived(A::HandshakeFailure) | E::PeerIncompatible(_) => format!(
                "the server and this tool share no TLS version or cipher suite (HandshakeFailure; the server may offer only older ciphers); {HINT_CIPHERS}"
            ),
            other => format!("{other}"),
        });
    }
    // The rustls error may sit behind boxes that hide its type: read the words too.
    let chain = error_chain(e);
    let text = chain.to_ascii_lowercase();
    let has = |w: &str| text.contains(w);
    if has("unknownissuer") || has("unable to get local issuer") {
        Some(format!(
            "the server's certificate was issued by an authority this tool does not trust, or the server does not send its intermediate certificate (UnknownIssuer; {chain}); {HINT_CERT}"
        ))
    } else if has("invalid peer certificate") || has("certificate verify failed") {
        Some(format!(
            "the server's certificate could not be verified ({chain}); {HINT_CERT}"
        ))
    } else if has("handshakefailure")
        || has("handshake failure")
        || has("no shared cipher")
        || has("peerincompatible")
        || has("peer is incompatible")
        || has("wrong version number")
        || has("unsupported protocol")
    {
        Some(format!(
            "the server and this tool share no TLS version or cipher suite (HandshakeFailure; the server may offer only older ciphers; {chain}); {HINT_CIPHERS}"
        ))
    } else if (has("tls") || has("ssl")) && has("handshake") {
        Some(format!("the TLS handshake failed ({chain})"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fetch::address::Guard;

    fn clients(cfg: &FetchConfig) -> Clients {
        let resolver = Arc::new(GuardResolver(Arc::new(Guard::default())));
        Clients::build(cfg, resolver).unwrap()
    }

    #[test]
    fn only_the_hosts_used_last_keep_their_connections() {
        let c = clients(&FetchConfig::default());
        for n in 0..KEPT_HOSTS + 4 {
            c.for_host(&format!("h{n}.example")).unwrap();
        }
        // h4 … h11 are kept; using h4 again makes it the newest, and h5 the next to go.
        c.for_host("h4.example").unwrap();
        c.for_host("new.example").unwrap();
        let kept = c.kept_hosts();
        assert_eq!(kept.len(), KEPT_HOSTS);
        assert_eq!(kept.first().map(String::as_str), Some("h6.example"));
        assert_eq!(&kept[KEPT_HOSTS - 2..], ["h4.example", "new.example"]);
    }

    #[test]
    fn hosts_named_in_the_options_are_reached_their_way() {
        let cfg = FetchConfig {
            insecure_hosts: vec!["old.example".into()],
            legacy_tls_hosts: vec!["older.example".into()],
            ..FetchConfig::default()
        };
        let c = clients(&cfg);
        assert_eq!(c.for_host("www.old.example").unwrap().1, Mode::Insecure);
        assert_eq!(
            c.for_host("older.example").unwrap().1,
            Mode::Legacy { verify: true }
        );
        assert_eq!(c.for_host("new.example").unwrap().1, Mode::Verified);
    }

    #[test]
    fn named_hosts_and_their_subdomains_match() {
        let list = vec!["Example.gov.uk".to_string()];
        assert!(host_matches(&list, "example.gov.uk"));
        assert!(host_matches(&list, "democracy.example.gov.uk."));
        assert!(!host_matches(&list, "notexample.gov.uk"));
        assert!(!host_matches(&[], "example.gov.uk"));
    }

    #[test]
    fn tls_causes_are_put_in_words() {
        let io = std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer),
        );
        let d = describe(&io).unwrap();
        assert!(
            d.contains("UnknownIssuer") && d.contains("--ca-cert"),
            "{d}"
        );
        let hs = std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            rustls::Error::AlertReceived(rustls::AlertDescription::HandshakeFailure),
        );
        assert!(describe(&hs).unwrap().contains("--legacy-tls-host"));
        let plain = std::io::Error::other("connection reset by peer");
        assert_eq!(describe(&plain), None);
        let hidden = std::io::Error::other(
            "client error (Connect): invalid peer certificate: UnknownIssuer",
        );
        assert!(describe(&hidden).unwrap().contains("--ca-cert"));
        let alert = std::io::Error::other("received fatal alert: HandshakeFailure");
        assert!(describe(&alert).unwrap().contains("--legacy-tls-host"));
    }
}
