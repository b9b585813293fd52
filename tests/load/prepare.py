#!/usr/bin/env python3
"""Set-up and checks around the wrk runs of tests/load/run.sh (no load is generated here).

  prepare.py seed  URL KEY DAY COUNT OUT_IDS [ZONE ...]  create COUNT cases through the API, one per line in OUT_IDS
  prepare.py check DB TENANT LABELS                     match acknowledged events (labels) to stored ones
  prepare.py bytes DB                                   bytes per stored idempotency key (table + index pages)
  prepare.py stats DB TENANT COUNT DAY                  copy one case of TENANT until it has COUNT cases
  prepare.py time  URL KEY PATH N                       median milliseconds of N sequential GETs
"""
import http.client, json, sqlite3, statistics, sys, time, urllib.parse, uuid


def connect(url):
    u = urllib.parse.urlparse(url)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=60)


def seed(url, key, day, count, out, zones):
    conn = connect(url)
    zones = zones or ["UTC"]
    with open(out, "w") as ids:
        for i in range(int(count)):
            body = json.dumps({
                "candidate": f"Load {i}", "company": "Loadtest", "role": "Tester", "level": "MiddleManagement",
                "timeZone": zones[i % len(zones)],
                "events": [{"type": "Notified", "on": day}],
            })
            conn.request("POST", "/api/cases", body, {"X-Api-Key": key, "Content-Type": "application/json"})
            answer = conn.getresponse()
            text = answer.read()
            if answer.status != 201:
                sys.exit(f"seeding failed: {answer.status} {text[:300]!r}")
            ids.write(json.loads(text)["id"] + "\n")


def check(db, tenant, labels_file):
    acknowledged = [l.strip() for l in open(labels_file) if l.strip()]
    stored = []
    con = sqlite3.connect(db)
    for (document,) in con.execute("SELECT document FROM cases WHERE tenant = ?", (tenant,)):
        for event in json.loads(document)["events"]:
            for gap in event.get("gaps") or []:
                if gap.startswith("w"):
                    stored.append(gap)
    stored_set = set(stored)
    ack_set = set(acknowledged)
    lost = len(ack_set - stored_set)
    dup = len(stored) - len(stored_set) + (len(acknowledged) - len(ack_set))
    unanswered = len(stored_set - ack_set)
    print(f"acknowledged={len(acknowledged)} stored={len(stored)} lost={lost} dup={dup} committed_after_wrk_stopped={unanswered}")


def bytes_per_key(db):
    con = sqlite3.connect(db)
    keys = con.execute("SELECT count(*) FROM idempotency").fetchone()[0]
    pages = con.execute("SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name IN ('idempotency', 'ix_idempotency_expiry')").fetchone()[0]
    print(f"keys={keys} bytes={pages} bytes_per_key={round(pages / keys) if keys else 0}")


def stats(db, tenant, count, day):
    con = sqlite3.connect(db)
    row = con.execute("SELECT document, candidate, company, next_due, rules, time_zone FROM cases WHERE tenant = ? LIMIT 1", (tenant,)).fetchone()
    have = con.execute("SELECT count(*) FROM cases WHERE tenant = ?", (tenant,)).fetchone()[0]
    con.executemany(
        "INSERT INTO cases (tenant, id, version, document, candidate, company, next_due, rules, time_zone) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?)",
        ((tenant, uuid.uuid4().hex[:20], *row) for _ in range(int(count) - have)))
    con.commit()


def timing(url, key, path, n):
    conn = connect(url)
    spent = []
    for _ in range(int(n)):
        started = time.perf_counter()
        conn.request("GET", path, headers={"X-Api-Key": key})
        answer = conn.getresponse()
        answer.read()
        spent.append((time.perf_counter() - started) * 1000)
        if answer.status != 200:
            sys.exit(f"{path}: {answer.status}")
    print(f"median_ms={statistics.median(spent):.2f} min_ms={min(spent):.2f} max_ms={max(spent):.2f}")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"seed": lambda: seed(*args[:5], args[5:]), "check": lambda: check(*args), "bytes": lambda: bytes_per_key(*args),
     "stats": lambda: stats(*args), "time": lambda: timing(*args)}[command]()
