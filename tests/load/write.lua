-- wrk script for the write scenario: every request records one event on a different case than the
-- request before it (round robin over the ids in $LOAD_CASES), with a unique Idempotency-Key, and an
-- event whose gap is a unique label. Each 2xx answer's label is collected, and done() writes them to
-- $LOAD_LABELS so the post-check can match every acknowledged event to a stored one.
local ids = {}
for line in io.lines(os.getenv("LOAD_CASES")) do ids[#ids + 1] = line end
local run = os.getenv("LOAD_RUN") or "r"
local key = os.getenv("LOAD_KEY")
local day = os.getenv("LOAD_DAY")
local prefix = os.getenv("LOAD_PREFIX") or ""   -- "/durable" for the ceiling's durable floor
local prefer = os.getenv("LOAD_PREFER")          -- "return=minimal" for the short answer

local threads = {}

function setup(thread)
  thread:set("number", #threads + 1)
  threads[#threads + 1] = thread
end

function init(args)
  sent = 0
  ok = 0
  labels = {}
end

function request()
  sent = sent + 1
  local n = sent * 2 + number            -- threads interleave over the cases
  local id = ids[(n % #ids) + 1]
  local label = "w" .. run .. "-" .. number .. "-" .. sent
  local body = '{"type":"FeedbackRecorded","on":"' .. day .. '","gaps":["' .. label .. '"]}'
  local headers = { ["X-Api-Key"] = key, ["Content-Type"] = "application/json", ["Idempotency-Key"] = label }
  if prefer and prefer ~= "" then headers["Prefer"] = prefer end
  return wrk.format("POST", prefix .. "/api/cases/" .. id .. "/events", headers, body)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
    local last = nil
    for l in string.gmatch(body, '"gaps":%["(w[%w]+%-%d+%-%d+)"%]') do last = l end
    if last then labels[#labels + 1] = last end
  end
end

function done(summary, latency, requests)
  local out = io.open(os.getenv("LOAD_LABELS"), "a")
  local total_ok, total_sent = 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_sent = total_sent + thread:get("sent")
    for _, l in ipairs(thread:get("labels")) do out:write(l, "\n") end
  end
  out:close()
  io.write(string.format("RESULT rps=%.1f p99_ms=%.2f p50_ms=%.2f requests=%d ok=%d sent=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000, latency:percentile(50) / 1000,
    summary.requests, total_ok, total_sent,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
