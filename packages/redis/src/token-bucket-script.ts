/**
 * The token bucket as one Lua script, so reading, refilling and spending a bucket is atomic
 * across every instance. KEYS[1]: the bucket (a hash of `tokens` and `at`, epoch ms).
 * ARGV: capacity, refill per second, cost, 1 to spend (0 to only look), now in ms (-1: the
 * Redis server's clock, so instances with skewed clocks agree).
 * Returns the decision as integers: allowed (1/0), remaining, reset seconds, retry-after seconds.
 * A full bucket is stored as no key; a partial one expires when it would be full again.
 * Mirrors createInMemoryRateLimiter in @commerce/core decision for decision.
 */
export const TOKEN_BUCKET_LUA = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local spend = ARGV[4] == '1'
local now = tonumber(ARGV[5])
if now < 0 then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
end
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = capacity
if state[1] and state[2] then
  local elapsed = math.max(0, now - tonumber(state[2])) / 1000
  tokens = math.min(capacity, tonumber(state[1]) + elapsed * rate)
end
local allowed = tokens >= cost
if spend then
  if allowed then tokens = tokens - cost end
  if tokens < capacity then
    redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%.17g', now))
    redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / rate * 1000))
  else
    redis.call('DEL', KEYS[1])
  end
end
local retry = 0
if not allowed then retry = math.max(1, math.ceil((cost - tokens) / rate)) end
return { allowed and 1 or 0, math.floor(tokens), math.ceil((capacity - tokens) / rate), retry }
`;
