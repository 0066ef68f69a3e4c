-- Quiz submissions: each request submits a different prepared open attempt,
-- so every one is scored for real. Lines of the file: path TAB cookie TAB body.
local queue = {}
local next_one = 1

init = function(args)
  for line in io.lines(args[1]) do
    local path, cookie, body = line:match("([^\t]+)\t([^\t]+)\t(.*)")
    queue[#queue + 1] = { path = path, cookie = cookie, body = body }
  end
end

request = function()
  local item = queue[next_one]
  next_one = next_one % #queue + 1
  return wrk.format("POST", item.path, {
    ["Cookie"] = item.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, item.body)
end

-- Shared by every wrk run: print one JSON line the benchmark reads.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'RESULT {"rps": %.2f, "p50_ms": %.3f, "p95_ms": %.3f, "requests": %d, "errors": %d}\n',
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.requests, errors))
end
