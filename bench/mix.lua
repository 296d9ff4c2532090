-- One kind of traffic of the load test (bench/load_test.py): every request
-- takes the next path of `paths` (filled in by load_test.py above this
-- script), with a new ignored parameter when `afresh` is true so the page
-- cache and Varnish never answer. Counts 5xx answers per thread and reports
-- one JSON line like bench/report.lua.
local threads = {}
setup = function(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local counter = 0
local fivexx = 0
request = function()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  if afresh then
    local separator = string.find(path, "?", 1, true) and "&" or "?"
    path = path .. separator .. "load=" .. tid .. "-" .. counter
  end
  return wrk.format("GET", path)
end

response = function(status, headers, body)
  if status >= 500 then
    fivexx = fivexx + 1
  end
end

done = function(summary, latency, requests)
  local server_errors = 0
  for _, thread in ipairs(threads) do
    server_errors = server_errors + (thread:get("fivexx") or 0)
  end
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "rps": %.2f, "p50": %.2f, "p95": %.2f, "p99": %.2f, "socket_errors": %d, "non2xx": %d, "5xx": %d}\n',
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, server_errors))
end
