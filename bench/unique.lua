-- Every request asks for a URL nobody asked for before (a counter in a
-- parameter the site ignores), so the anonymous page cache never answers:
-- what a visitor pays for a page rendered afresh, e.g. a new combination of
-- filters, with the listing, card and fragment caches warm.
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local counter = 0
request = function()
  counter = counter + 1
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. separator .. "nocache=" .. tid .. "-" .. counter)
end
