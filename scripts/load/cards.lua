-- wrk script for `make load`: POST /v1/cards (a black-and-white A5 PDF, read back before it is sent) until each
-- thread has its share of the request count (the first script argument), then stop. Each thread notes when it
-- started and finished (wall clock) and writes a marker file when done, so the driver can end wrk at once and
-- the rate is requests over the time they took, not over wrk's -d.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"link": "https://pay.example.com/p/Xk9fA2", "name": "Studio Nova", "variant": "bw", "format": "pdf"}'

local threads = {}
local counter = 0

local function now()
  local pipe = io.popen("date +%s.%N")
  local value = tonumber(pipe:read("*l"))
  pipe:close()
  return value
end

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  limit = tonumber(args[1])
  marker = args[2]
  -- Optional: the format (pdf, svg, png) to ask for instead.
  if args[3] then wrk.body = string.gsub(wrk.body, '"format": "pdf"', '"format": "' .. args[3] .. '"') end
  responses, failures = 0, 0
  started = now()
end

function response(status, headers, body)
  responses = responses + 1
  if status ~= 200 then failures = failures + 1 end
  if responses == limit then
    finished = now()
    local file = io.open(marker .. "." .. id, "w")
    file:write("done\n")
    file:close()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local total, bad, first, last = 0, 0, nil, nil
  for _, thread in ipairs(threads) do
    total = total + thread:get("responses")
    bad = bad + thread:get("failures")
    local s, f = thread:get("started"), thread:get("finished")
    if s and (first == nil or s < first) then first = s end
    if f and (last == nil or f > last) then last = f end
  end
  io.write(string.format('{"responses": %d, "non200": %d, "socketErrors": %d, "seconds": %.3f, "p50ms": %.2f, "p90ms": %.2f, "p99ms": %.2f, "maxms": %.2f}\n',
    total, bad, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    (last or 0) - (first or 0), latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
