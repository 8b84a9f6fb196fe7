//! The HTTP clients and TLS. Every request goes through rustls with the system's trusted
//! roots plus any `--ca-cert` roots or intermediates, verifying certificates, unless its host
//! was named explicitly: `--insecure-host HOST` skips certificate verification for that host,
//! `--legacy-tls-host HOST` uses the system's OpenSSL instead (which still speaks the older
//! cipher suites some council servers offer). Neither is ever on by default; both are logged.
//! A TLS failure is reported as such, with its cause in words.

use super::address::GuardResolver;
use super::{FetchConfig, FetchError};
use reqwest::blocking::Client;
use std::sync::Arc;
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

/// The clients of one fetcher.
pub struct Clients {
    verified: Client,
    insecure: Option<Client>,
    legacy: Option<Client>,
    legacy_insecure: Option<Client>,
    insecure_hosts: Vec<String>,
    legacy_hosts: Vec<String>,
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

impl Clients {
    pub fn build(cfg: &FetchConfig, resolver: Arc<GuardResolver>) -> Result<Clients, FetchError> {
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
        let setup = |e: reqwest::Error| FetchError::Setup(error_chain(&e));
        let verified = builder(cfg, &resolver, &certs)
            .tls_backend_rustls()
            .build()
            .map_err(setup)?;
        let insecure = (!cfg.insecure_hosts.is_empty())
            .then(|| {
                builder(cfg, &resolver, &certs)
                    .tls_backend_rustls()
                    .tls_danger_accept_invalid_certs(true)
                    .build()
            })
            .transpose()
            .map_err(setup)?;
        let legacy = (!cfg.legacy_tls_hosts.is_empty())
            .then(|| builder(cfg, &resolver, &certs).tls_backend_native().build())
            .transpose()
            .map_err(setup)?;
        let legacy_insecure = (!cfg.legacy_tls_hosts.is_empty() && !cfg.insecure_hosts.is_empty())
            .then(|| {
                builder(cfg, &resolver, &certs)
                    .tls_backend_native()
                    .tls_danger_accept_invalid_certs(true)
                    .build()
            })
            .transpose()
            .map_err(setup)?;
        Ok(Clients {
            verified,
            insecure,
            legacy,
            legacy_insecure,
            insecure_hosts: cfg.insecure_hosts.clone(),
            legacy_hosts: cfg.legacy_tls_hosts.clone(),
        })
    }

    /// The client for a host, and how it reaches it.
    pub fn for_host(&self, host: &str) -> (&Client, Mode) {
        let insecure = host_matches(&self.insecure_hosts, host);
        if host_matches(&self.legacy_hosts, host) {
            if insecure && let Some(c) = &self.legacy_insecure {
                return (c, Mode::Legacy { verify: false });
            }
            if let Some(c) = &self.legacy {
                return (c, Mode::Legacy { verify: true });
            }
        }
        match (&self.insecure, insecure) {
            (Some(c), true) => (c, Mode::Insecure),
            _ => (&self.verified, Mode::Verified),
        }
    }
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
