-- The benchmark workload in idiomatic Lua 5.4; the same computation as workload.rubric
-- and workload.py. A sample is a table with fields completion, answer, tokens,
-- step_scores (a sequence of floats) and judge.
local find, sub = string.find, string.sub
local mmin, mmax, abs = math.min, math.max, math.abs

local M = {}

-- DAPO soft overlong punishment (see workload.rubric).
local function overlong(l, max_len, cache)
  if l <= max_len - cache then
    return 0.0
  elseif l <= max_len then
    return (max_len - cache - l) / cache
  else
    return -1.0
  end
end

-- Small list helpers, the counterparts of the Rubric/Python builtins sum, min and max.
local function sum(t)
  local acc = 0.0
  for i = 1, #t do acc = acc + t[i] end
  return acc
end

local function minimum(t)
  local m = t[1]
  for i = 2, #t do
    local v = t[i]
    if v < m then m = v end
  end
  return m
end

local function maximum(t)
  local m = t[1]
  for i = 2, #t do
    local v = t[i]
    if v > m then m = v end
  end
  return m
end

local function starts_with(s, prefix)
  return sub(s, 1, #prefix) == prefix
end

local function ends_with(s, suffix)
  return suffix == "" or sub(s, -#suffix) == suffix
end

function M.reward(sample)
  local completion = sample.completion
  local length = #completion -- completions are ASCII, so bytes == characters
  local has_open = find(completion, "<answer>", 1, true) ~= nil
  local has_close = ends_with(completion, "</answer>")
  local thinks = starts_with(completion, "<think>")

  local steps_in = sample.step_scores
  local shaped = {}
  for i = 1, #steps_in do
    local s = steps_in[i]
    if s < 0.0 then shaped[i] = s else shaped[i] = s * 0.5 end
  end
  local step_mean = sum(shaped) / #shaped
  local step_min = minimum(shaped)
  local spread = abs(maximum(shaped) - step_min)

  local format
  if thinks and has_open and has_close then format = 1.0
  elseif has_open then format = 0.5
  else format = 0.0 end

  local correct = 0.0
  if has_open and find(completion, sample.answer, 1, true) then correct = 1.0 end

  local overlong_penalty = overlong(sample.tokens, 4096, 1024)

  local steps = 0.7 * step_mean + 0.3 * mmax(step_min, -0.5) - (spread > 1.5 and 0.1 or 0.0)

  local brevity
  if length < 80 then brevity = -0.1 else brevity = mmin(length, 300) / 3000 end

  local r = 0.2 * format + 0.5 * correct + 0.5 * sample.judge + overlong_penalty + 0.2 * steps + brevity
  return mmax(-1.0, mmin(1.0, r))
end

return M
