//! Where requests may go. A link or redirect from a public site to a loopback, private or
//! link-local address (an intranet, the machine itself, a cloud metadata service) is refused,
//! unless the run itself started on an address of that kind (as the tests do on 127.0.0.1).
//!
//! Host names are resolved here, before the request, and the client connects to exactly the
//! addresses that were checked (through [`GuardResolver`]), so a name cannot resolve to a
//! public address for the check and a private one for the connection.

use super::FetchError;
use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use url::Url;

/// The kind of network an address is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    Public,
    Loopback,
    Private,
    LinkLocal,
    /// Unspecified, multicast, broadcast: never a web server.
    Special,
}

impl Class {
    fn words(self) -> &'static str {
        match self {
            Class::Public => "a public address",
            Class::Loopback => "a loopback address (this machine)",
            Class::Private => "a private network address",
            Class::LinkLocal => "a link-local address (such as a cloud metadata service)",
            Class::Special => "a special-purpose address",
        }
    }
}

/// The class of an IP address.
pub fn class_of(ip: IpAddr) -> Class {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            if v4.is_loopback() {
                Class::Loopback
            } else if v4.is_private() || (o[0] == 100 && (64..128).contains(&o[1])) {
                Class::Private
            } else if v4.is_link_local() {
                Class::LinkLocal
            } else if v4.is_unspecified() || v4.is_multicast() || v4.is_broadcast() || o[0] == 0 {
                Class::Special
            } else {
                Class::Public
            }
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return class_of(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            if v6.is_loopback() {
                Class::Loopback
            } else if first & 0xfe00 == 0xfc00 {
                Class::Private
            } else if first & 0xffc0 == 0xfe80 {
                Class::LinkLocal
            } else if v6.is_unspecified() || v6.is_multicast() {
                Class::Special
            } else {
                Class::Public
            }
        }
    }
}

/// The policy and the addresses checked so far.
#[derive(Default)]
pub struct Guard {
    /// Non-public classes the run started on, which may therefore be followed.
    allowed: Mutex<HashSet<Class>>,
    /// Host (lower-case, as in the URL) → the addresses checked for it.
    resolved: Mutex<HashMap<String, Vec<SocketAddr>>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn port(url: &Url) -> u16 {
    url.port_or_known_default().unwrap_or(80)
}

/// The addresses a URL's host stands for (an IP literal stands for itself).
fn lookup(url: &Url) -> Result<Vec<SocketAddr>, String> {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => Ok(vec![SocketAddr::new(IpAddr::V4(ip), port(url))]),
        Some(url::Host::Ipv6(ip)) => Ok(vec![SocketAddr::new(IpAddr::V6(ip), port(url))]),
        Some(url::Host::Domain(d)) => (d, port(url))
            .to_socket_addrs()
            .map(Iterator::collect)
            .map_err(|e| format!("cannot resolve {d}: {e}")),
        None => Err("no host".into()),
    }
}

impl Guard {
    /// Allows the non-public classes a starting URL is on (a crawl's base, a URL given on the
    /// command line).
    pub fn trust_start(&self, url: &Url) {
        if let Ok(addrs) = lookup(url) {
            let mut allowed = lock(&self.allowed);
            for a in addrs {
                let c = class_of(a.ip());
                if c != Class::Public && c != Class::Special {
                    allowed.insert(c);
                }
            }
        }
    }

    /// Resolves and checks a URL's host before a request to it.
    pub fn check(&self, url: &Url) -> Result<(), FetchError> {
        let host = url.host_str().unwrap_or("").to_ascii_lowercase();
        let known = lock(&self.resolved).get(&host).cloned();
        let addrs = match known {
            Some(a) => a,
            None => {
                let a = lookup(url).map_err(|why| FetchError::Unreachable {
                    url: url.to_string(),
                    why,
                })?;
                if a.is_empty() {
                    return Err(FetchError::Unreachable {
                        url: url.to_string(),
                        why: format!("{host} has no address"),
                    });
                }
                lock(&self.resolved).insert(host.clone(), a.clone());
                a
            }
        };
        let allowed = lock(&self.allowed);
        for a in &addrs {
            let c = class_of(a.ip());
            if c != Class::Public && !allowed.contains(&c) {
                return Err(FetchError::ForbiddenAddress {
                    url: url.to_string(),
                    why: format!(
                        "{host} is {} ({}), and the run did not start on one",
                        c.words(),
                        a.ip()
                    ),
                });
            }
        }
        Ok(())
    }

    /// The addresses checked for a host name.
    fn addresses(&self, host: &str) -> Option<Vec<SocketAddr>> {
        lock(&self.resolved)
            .get(&host.to_ascii_lowercase())
            .cloned()
    }
}

/// The client's resolver: only addresses the [`Guard`] has checked.
pub struct GuardResolver(pub Arc<Guard>);

impl reqwest::dns::Resolve for GuardResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let found = self.0.addresses(name.as_str());
        Box::pin(std::future::ready(match found {
            Some(addrs) => Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs),
            None => Err(format!("{} was not checked before the request", name.as_str()).into()),
        }))
    }
}

/// A URL without user name and password, and whether it had any.
pub fn strip_credentials(url: &mut Url) -> bool {
    let had = !url.username().is_empty() || url.password().is_some();
    if had {
        let _ = url.set_username("");
        let _ = url.set_password(None);
    }
    had
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn address_classes() {
        assert_eq!(class_of(ip("127.0.0.1")), Class::Loopback);
        assert_eq!(class_of(ip("::1")), Class::Loopback);
        assert_eq!(class_of(ip("10.1.2.3")), Class::Private);
        assert_eq!(class_of(ip("172.20.0.1")), Class::Private);
        assert_eq!(class_of(ip("192.168.1.1")), Class::Private);
        assert_eq!(class_of(ip("100.64.0.1")), Class::Private);
        assert_eq!(class_of(ip("fd00::1")), Class::Private);
        assert_eq!(class_of(ip("169.254.169.254")), Class::LinkLocal);
        assert_eq!(class_of(ip("fe80::1")), Class::LinkLocal);
        assert_eq!(class_of(ip("::ffff:127.0.0.1")), Class::Loopback);
        assert_eq!(class_of(ip("0.0.0.0")), Class::Special);
        assert_eq!(class_of(ip("81.2.69.160")), Class::Public);
        assert_eq!(class_of(ip("2a00:1450::1")), Class::Public);
    }

    #[test]
    fn a_public_start_refuses_loopback_and_a_loopback_start_refuses_the_rest() {
        let u = |s: &str| Url::parse(s).unwrap();
        let public_start = Guard::default();
        let e = public_start.check(&u("http://127.0.0.1:9/x")).unwrap_err();
        assert_eq!(e.kind(), "forbidden_address");
        assert!(e.to_string().contains("loopback"), "{e}");
        let local = Guard::default();
        local.trust_start(&u("http://127.0.0.1:8080/"));
        assert!(local.check(&u("http://127.0.0.1:9/x")).is_ok());
        let e = local
            .check(&u("http://169.254.169.254/latest/"))
            .unwrap_err();
        assert!(e.to_string().contains("link-local"), "{e}");
        assert!(local.check(&u("http://[fd00::1]/")).is_err());
        assert!(local.check(&u("http://10.0.0.1/")).is_err());
    }

    #[test]
    fn credentials_are_stripped() {
        let mut u = Url::parse("https://user:secret@h.example/p?q=1").unwrap();
        assert!(strip_credentials(&mut u));
        assert_eq!(u.as_str(), "https://h.example/p?q=1");
        assert!(!strip_credentials(&mut u));
    }
}
