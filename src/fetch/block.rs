//! Bot walls: a challenge or block page that a CDN or firewall (Cloudflare, Incapsula/Imperva,
//! Akamai, Sucuri, DDoS-Guard, AWS WAF) sends instead of the page, often as a `200` with a
//! script. Told from headers and the first bytes of the body, with markers strong enough that
//! an ordinary council page that merely loads such a service's script is not taken for one.

/// How much of a body is looked at.
pub const HEAD: usize = 64 << 10;

/// What a challenge page is, in words, or `None` for an ordinary answer.
pub fn challenge(
    status: u16,
    header: impl Fn(&str) -> Option<String>,
    body: &[u8],
) -> Option<String> {
    if header("cf-mitigated").is_some_and(|v| v.trim().eq_ignore_ascii_case("challenge")) {
        return Some(format!(
            "a Cloudflare challenge (HTTP {status}, cf-mitigated: challenge)"
        ));
    }
    let head = String::from_utf8_lossy(&body[..body.len().min(HEAD)]).to_ascii_lowercase();
    let has = |s: &str| head.contains(s);
    let small = body.len() < 16 << 10;
    let found = if has("/cdn-cgi/challenge-platform/")
        && (has("just a moment") || has("cf_chl_opt") || has("cf-browser-verification"))
        || has("attention required! | cloudflare")
    {
        Some("a Cloudflare challenge page")
    } else if has("incapsula incident id")
        || (small && has("_incapsula_resource") && (has("<iframe") || has("<noscript")))
    {
        Some("an Incapsula (Imperva) challenge page")
    } else if has("access denied")
        && has("you don't have permission to access")
        && has("reference #")
    {
        Some("an Akamai \"Access Denied\" page")
    } else if has("sucuri website firewall") && has("access denied") {
        Some("a Sucuri firewall block page")
    } else if small && has("ddos-guard") {
        Some("a DDoS-Guard check page")
    } else if small && (has("awswaf") || has("aws-waf-token")) {
        Some("an AWS WAF challenge page")
    } else {
        None
    };
    found.map(|w| format!("{w} (HTTP {status}, {} bytes)", body.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn challenge_pages_are_named() {
        let inc = br#"<html><head><META NAME="robots" CONTENT="noindex,nofollow"><script src="/_Incapsula_Resource?SWJIYLWA=5074a744e2e3d891814e9a2dace20bd4,719d34d31c8e3a6e6fffd425f7e032f3"></script><body><iframe id="main-iframe" src="/_Incapsula_Resource?CWUDNSAI=9"></iframe></body></html>"#;
        assert!(
            challenge(200, none, inc)
                .unwrap()
                .starts_with("an Incapsula (Imperva) challenge page (HTTP 200")
        );
        let cf = b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><script src=\"/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1\"></script></body></html>";
        assert!(challenge(403, none, cf).unwrap().contains("Cloudflare"));
        let hdr = |n: &str| (n == "cf-mitigated").then(|| "challenge".to_string());
        assert!(challenge(403, hdr, b"").unwrap().contains("cf-mitigated"));
    }

    #[test]
    fn ordinary_pages_with_cdn_scripts_are_not_challenges() {
        let mut page = b"<html><body><div id=\"modgov\"><h2>Cabinet</h2>".to_vec();
        page.extend(b"<script src=\"/_Incapsula_Resource?SWJIYLWA=1\"></script>");
        page.extend(b"<p>Agenda item</p>".repeat(2000));
        assert_eq!(challenge(200, none, &page), None);
        assert_eq!(
            challenge(200, none, b"<p>Cloudflare is mentioned here.</p>"),
            None
        );
        assert_eq!(challenge(503, none, b""), None);
    }
}
