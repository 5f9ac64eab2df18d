-- Lua 5.4 side of the benchmark.
-- usage: lua5.4 lua_runner.lua SAMPLES.tsv WORKLOAD.lua [REPEAT [GCMODE]]
-- Loads every sample into a Lua table first (not timed), then times the loop that
-- computes the reward of each sample and their sum, with os.clock (process CPU seconds).
-- Prints one JSON line: {"seconds": s, "checksum": c, "samples": n, "gc": mode}
-- With REPEAT > 1 the loop runs that many times and the fastest run is reported.
-- GCMODE is "incremental" (Lua 5.4's default) or "generational".
local samples_path, workload_path, repeat_arg, gc_mode = arg[1], arg[2], arg[3], arg[4]
if not samples_path or not workload_path then
  io.stderr:write("usage: lua5.4 lua_runner.lua SAMPLES.tsv WORKLOAD.lua [REPEAT [GCMODE]]\n")
  os.exit(2)
end
local repeats = math.tointeger(tonumber(repeat_arg or "1")) or 1
gc_mode = gc_mode or "incremental"
if gc_mode ~= "incremental" and gc_mode ~= "generational" then
  io.stderr:write("lua_runner: GCMODE must be incremental or generational\n")
  os.exit(2)
end

local reward = dofile(workload_path).reward

-- Line format (written by gen_samples.py):
-- tokens \t judge \t answer \t s1,s2,...,sk \t completion
local samples = {}
local n = 0
local match, gmatch = string.match, string.gmatch
for line in io.lines(samples_path) do
  local tokens, judge, answer, steps, completion =
    match(line, "^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
  if not tokens then
    io.stderr:write(("lua_runner: malformed line %d\n"):format(n + 1))
    os.exit(1)
  end
  local step_scores, k = {}, 0
  for field in gmatch(steps, "[^,]+") do
    k = k + 1
    step_scores[k] = tonumber(field) + 0.0 -- always a float, like the JSON side
  end
  n = n + 1
  samples[n] = {
    completion = completion,
    answer = answer,
    tokens = math.tointeger(tonumber(tokens)),
    step_scores = step_scores,
    judge = tonumber(judge) + 0.0,
  }
end
collectgarbage("collect")
collectgarbage(gc_mode)

local best, checksum = math.huge, 0.0
for _ = 1, repeats do
  local start = os.clock()
  local sum = 0.0
  for i = 1, n do
    sum = sum + reward(samples[i])
  end
  local elapsed = os.clock() - start
  if elapsed < best then best = elapsed end
  checksum = sum
end

io.write(('{"seconds": %.6f, "checksum": %.17g, "samples": %d, "gc": "%s"}\n')
  :format(best, checksum, n, gc_mode))
