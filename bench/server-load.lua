-- wrk script for bench/server-load: POST one contract request per call to /api/v1/decisions
-- with a bearer token. COMITY_TOKEN and COMITY_REQUEST (a request file) come from the environment.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("COMITY_TOKEN")
local file = assert(io.open(os.getenv("COMITY_REQUEST"), "r"))
wrk.body = file:read("*a")
file:close()
