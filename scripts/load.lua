-- wrk script: counts answers by status across threads; with WRK_POST set, posts step 1 as
-- the WASM client does (JSON path, so limits answer 429), each request for a new address.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  counter = 0
  post = os.getenv("WRK_POST") ~= nil
end

function request()
  if not post then
    return wrk.format("GET", nil, { ["Accept"] = "text/html" })
  end
  counter = counter + 1
  local body = string.format("email=load%d.%d%%40example.com", counter, math.random(1, 1000000000))
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["Sec-Fetch-Site"] = "same-origin",
  }, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    io.write(string.format("  status %d: %d\n", status, count))
  end
  io.write(string.format("  p50 %.2f ms, p99 %.2f ms, %.0f requests/s\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1000000)))
end
