-- Quiz submissions: each request submits a different prepared open attempt,
-- so every one is scored for real, as long as the run sends fewer requests
-- than the file has lines (ops/bench.py checks). Lines of the file: path TAB
-- cookie TAB body.
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

-- The result line every run prints (wrk runs from the project folder).
dofile("ops/report.lua")
