namespace Flagkeeper.Redis;

/// <summary>
/// The Lua scripts of the store. Each change (HSET/HDEL + INCR + PUBLISH + XADD) is one script, so the version,
/// the hash, the history and the message can never disagree; every key is passed in KEYS so ACL key patterns apply.
/// KEYS: 1 overrides hash, 2 version counter, 3 history stream. ARGV[1] is the change channel.
/// </summary>
internal static class LiveScripts
{
    /// <summary>
    /// ARGV: 2 action (set|kill), then per flag five values: key, key as a JSON string, override JSON up to
    /// <c>"version":</c>, state, expires; then reason, by, at. Returns the version of the last change.
    /// </summary>
    public const string Set = """
        local action = ARGV[2]
        local n = (#ARGV - 5) / 5
        local reason, by, at = ARGV[#ARGV - 2], ARGV[#ARGV - 1], ARGV[#ARGV]
        local v = 0
        for i = 0, n - 1 do
          local b = 3 + i * 5
          local key, quoted, body, state, expires = ARGV[b], ARGV[b + 1], ARGV[b + 2], ARGV[b + 3], ARGV[b + 4]
          v = redis.call('INCR', KEYS[2])
          local json = body .. v .. '}'
          redis.call('HSET', KEYS[1], key, json)
          redis.call('XADD', KEYS[3], 'MAXLEN', '~', '1000', '*', 'version', v, 'key', key, 'action', action,
            'state', state, 'reason', reason, 'by', by, 'at', at, 'expires', expires)
          redis.call('PUBLISH', ARGV[1], '{"version":' .. v .. ',"key":' .. quoted .. ',"action":"' .. action .. '","override":' .. json .. '}')
        end
        return v
        """;

    /// <summary>ARGV: 2 key, 3 key as a JSON string, 4 reason, 5 by, 6 at. Returns the version, or 0 when nothing was set.</summary>
    public const string Clear = """
        if redis.call('HDEL', KEYS[1], ARGV[2]) == 0 then return 0 end
        local v = redis.call('INCR', KEYS[2])
        redis.call('XADD', KEYS[3], 'MAXLEN', '~', '1000', '*', 'version', v, 'key', ARGV[2], 'action', 'clear',
          'state', '', 'reason', ARGV[4], 'by', ARGV[5], 'at', ARGV[6], 'expires', '')
        redis.call('PUBLISH', ARGV[1], '{"version":' .. v .. ',"key":' .. ARGV[3] .. ',"action":"clear","override":null}')
        return v
        """;

    /// <summary>KEYS: 1 overrides hash, 2 version counter. Returns { version or false, HGETALL } read together.</summary>
    public const string ReadAll = """
        return { redis.call('GET', KEYS[2]), redis.call('HGETALL', KEYS[1]) }
        """;
}
