#!/usr/bin/env python3
"""A long crawl: many imitation Modern.Gov sites on loopback, crawled in one run, with the
crawler's memory and open files sampled all the way through.

    python3 benches/crawl_long.py [--hosts 50] [--meetings 12] [--items 3] [--sites 4]
                                  [--delay 0.01] [--bin target/release/councilrecs] [--keep DIR]

Each host is its own address (127.0.0.2, 127.0.0.3 …: every 127.x address is loopback on
Linux, and politeness is kept per host name), serving robots.txt, the web service
(GetCommittees, GetMeetings, GetMeeting) for two committees, and documents drawn from the
project's fixtures (HTML, text and PDF). A registry names one council per host; the crawl is
`crawl --council all --registry …`. Every 50 ms the script reads the crawler's resident memory
and open file descriptors, and those of its reading children, from /proc. It prints one JSON
object: documents, requests, wall time, peak memory and open files of the crawler and of the
whole process tree, and the size of the store; and checks that every document is in the output
once. Standard library only; Linux only.
"""

import argparse
import csv
import http.server
import io
import json
import os
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def documents():
    """The fixture documents served, as (suffix, bytes, content type)."""
    fx = ROOT / "fixtures"
    docs = []
    for p in sorted(fx.glob("*.html"))[:20]:
        docs.append((".html", p.read_bytes(), "text/html; charset=utf-8"))
    for p in sorted(fx.glob("*.txt"))[:10]:
        docs.append((".txt", p.read_bytes(), "text/plain; charset=utf-8"))
    for p in sorted((fx / "pdf").glob("*.pdf"))[:5]:
        docs.append((".pdf", p.read_bytes(), "application/pdf"))
    if not docs:
        sys.exit("no fixtures found")
    return docs


class Site:
    """One council's Modern.Gov site: 2 committees × `meetings` meetings × `items` agenda items,
    each item linking two documents."""

    def __init__(self, host_no, meetings, items, docs):
        self.host_no = host_no
        self.meetings = meetings
        self.items = items
        self.docs = docs
        self.requests = 0
        self.lock = threading.Lock()

    def committees(self):
        return [(host_no_committee, title) for host_no_committee, title in
                ((1, "Cabinet"), (2, "Audit Committee"))]

    def meeting_ids(self, committee):
        return [committee * 1000 + m for m in range(1, self.meetings + 1)]

    def date(self, meeting):
        m = meeting % 1000
        return f"{(m % 28) + 1:02d}/{(m % 12) + 1:02d}/2023"

    def doc_ids(self, meeting):
        return [meeting * 100 + k for k in range(self.items * 2)]

    def doc(self, doc_id):
        return self.docs[(doc_id * 7 + self.host_no) % len(self.docs)]

    def all_doc_ids(self):
        return [d for c, _ in self.committees() for m in self.meeting_ids(c) for d in self.doc_ids(m)]

    def answer(self, path, query):
        with self.lock:
            self.requests += 1
        origin = f"http://127.0.0.{self.host_no}:{self.port}"
        if path == "/robots.txt":
            return 200, "text/plain", b"User-agent: *\nDisallow: /private/\n"
        if path == "/mgWebService.asmx/GetCommittees":
            rows = "".join(
                f"<committee><committeeid>{c}</committeeid><committeetitle>{t}</committeetitle>"
                "<committeedeleted>False</committeedeleted><committeeexpired>False</committeeexpired>"
                "</committee>" for c, t in self.committees())
            return 200, "text/xml", f'<?xml version="1.0" encoding="utf-8"?><committees>{rows}</committees>'.encode()
        if path == "/mgWebService.asmx/GetMeetings":
            c = int(query.get("lCommitteeId", "0") or 0)
            title = dict(self.committees()).get(c)
            if title is None:
                return 404, "text/plain", b"no such committee"
            rows = "".join(
                f"<meeting><meetingid>{m}</meetingid><meetingdate>{self.date(m)}</meetingdate>"
                "<meetingstatus>Confirmed</meetingstatus></meeting>" for m in self.meeting_ids(c))
            body = (f'<?xml version="1.0" encoding="utf-8"?><getmeetings><committee><committeeid>{c}'
                    f"</committeeid><committeetitle>{title}</committeetitle><committeemeetings>{rows}"
                    "</committeemeetings></committee></getmeetings>")
            return 200, "text/xml", body.encode()
        if path == "/mgWebService.asmx/GetMeeting":
            m = int(query.get("lMeetingId", "0") or 0)
            title = dict(self.committees()).get(m // 1000)
            if title is None:
                return 404, "text/plain", b"no such meeting"
            items = []
            ids = self.doc_ids(m)
            for k in range(self.items):
                links = "".join(
                    f"<linkeddoc><attachmentid>{d}</attachmentid><title>Report {d}</title>"
                    f"<url>{origin}/documents/s{d}/Report{self.doc(d)[0]}</url><isurl>False</isurl>"
                    f"<isrestricted>False</isrestricted><committeetitle>{title}</committeetitle></linkeddoc>"
                    for d in ids[2 * k: 2 * k + 2])
                items.append(
                    f"<agendaitem><agendaitemid>{m * 10 + k}</agendaitemid>"
                    f"<agendaitemtitle>Item {k + 1}</agendaitemtitle><agendaitemnumber>{k + 1}</agendaitemnumber>"
                    f"<linkeddocuments>{links}</linkeddocuments></agendaitem>")
            body = (f'<?xml version="1.0" encoding="utf-8"?><meeting><meetingid>{m}</meetingid>'
                    f"<meetingdate>{self.date(m)}</meetingdate><meetingstatus>Confirmed</meetingstatus>"
                    f"<agendaitems>{''.join(items)}</agendaitems></meeting>")
            return 200, "text/xml", body.encode()
        if path.startswith("/documents/s"):
            try:
                d = int(path[len("/documents/s"):].split("/", 1)[0])
            except ValueError:
                return 404, "text/plain", b"not found"
            _, body, ctype = self.doc(d)
            return 200, ctype, body
        return 404, "text/plain", b"not found"


def serve(site):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            path, _, q = self.path.partition("?")
            query = dict(kv.split("=", 1) for kv in q.split("&") if "=" in kv)
            status, ctype, body = site.answer(path, query)
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True

    srv = Server((f"127.0.0.{site.host_no}", 0), Handler)
    site.port = srv.server_address[1]
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def tree(pid):
    """`pid` and its descendants."""
    out = [pid]
    try:
        for t in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{t}/children") as f:
                for c in f.read().split():
                    out.extend(tree(int(c)))
    except OSError:
        pass
    return out


def sample(pid):
    """(resident KiB, open descriptors) of one process, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            rss = next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
        fds = len(os.listdir(f"/proc/{pid}/fd"))
        return rss, fds
    except (OSError, StopIteration):
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hosts", type=int, default=50)
    ap.add_argument("--meetings", type=int, default=12)
    ap.add_argument("--items", type=int, default=3)
    ap.add_argument("--sites", type=int, default=4)
    ap.add_argument("--delay", default="0.01")
    ap.add_argument("--bin", default=str(ROOT / "target/release/councilrecs"))
    ap.add_argument("--keep", help="folder for the store and output (kept)")
    a = ap.parse_args()

    docs = documents()
    sites = [Site(n + 2, a.meetings, a.items, docs) for n in range(a.hosts)]
    servers = [serve(s) for s in sites]
    work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="crawl-long-"))
    work.mkdir(parents=True, exist_ok=True)
    reg = work / "registry.csv"
    with open(reg, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["code", "gss", "name", "common_name", "nation", "platform", "base_url",
                    "shared_site", "end_date"])
        for s in sites:
            w.writerow([f"Q{s.host_no:02d}", f"E0799{s.host_no:04d}", f"Council {s.host_no}",
                        f"Council {s.host_no}", "England", "moderngov",
                        f"http://127.0.0.{s.host_no}:{s.port}", "", ""])
    store, out = work / "store", work / "out.jsonl"
    shutil.rmtree(store, ignore_errors=True)
    cmd = [a.bin, "crawl", "-q", "--council", "all", "--registry", str(reg),
           "--from", "2023-01-01", "--to", "2023-12-31", "--delay", a.delay,
           "--sites", str(a.sites), "--store", str(store), "--out", str(out)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    err = io.BytesIO()
    reader = threading.Thread(target=lambda: err.write(proc.stderr.read()), daemon=True)
    reader.start()
    peak = {"rss_kib": 0, "fds": 0, "tree_rss_kib": 0, "tree_fds": 0, "processes": 0}
    samples = 0
    while proc.poll() is None:
        own = sample(proc.pid)
        if own:
            samples += 1
            peak["rss_kib"] = max(peak["rss_kib"], own[0])
            peak["fds"] = max(peak["fds"], own[1])
            pids = tree(proc.pid)
            all_ = [x for x in (sample(p) for p in pids) if x]
            peak["tree_rss_kib"] = max(peak["tree_rss_kib"], sum(r for r, _ in all_))
            peak["tree_fds"] = max(peak["tree_fds"], sum(f for _, f in all_))
            peak["processes"] = max(peak["processes"], len(all_))
        time.sleep(0.05)
    wall = time.perf_counter() - start
    reader.join()
    for srv in servers:
        srv.shutdown()
    expected = {f"http://127.0.0.{s.host_no}:{s.port}/documents/s{d}/Report{s.doc(d)[0]}"
                for s in sites for d in s.all_doc_ids()}
    urls = []
    failed = 0
    with open(out) as f:
        for line in f:
            r = json.loads(line)
            urls.append(r["source"]["url"])
            failed += r.get("error") is not None
    store_bytes = sum(p.stat().st_size for p in store.rglob("*") if p.is_file())
    result = {
        "hosts": a.hosts,
        "documents": len(urls),
        "expected": len(expected),
        "missing": len(expected - set(urls)),
        "repeated": len(urls) - len(set(urls)),
        "failed": failed,
        "requests": sum(s.requests for s in sites),
        "exit": proc.returncode,
        "wall_s": round(wall, 2),
        "docs_per_s": round(len(urls) / wall, 1),
        "peak_rss_mb": round(peak["rss_kib"] / 1024, 1),
        "peak_open_fds": peak["fds"],
        "peak_tree_rss_mb": round(peak["tree_rss_kib"] / 1024, 1),
        "peak_tree_fds": peak["tree_fds"],
        "peak_processes": peak["processes"],
        "store_mb": round(store_bytes / 2**20, 1),
        "samples": samples,
    }
    print(json.dumps(result))
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    ok = result["missing"] == 0 and result["repeated"] == 0 and proc.returncode in (0, 1)
    if not ok:
        sys.stderr.write(err.getvalue().decode(errors="replace")[-4000:])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
