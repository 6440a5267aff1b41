using System.Globalization;
using System.Text;

namespace Flagkeeper.Bench.Corpus;

/// <summary>Words, identifiers, sentences and keys for filler code. Several words hold the scanner's anchor
/// substrings ("value", "details", "flag", "variant", "enabled") so the prefilter meets realistic near-misses.</summary>
internal static class Text
{
    private static readonly string[] Nouns =
    [
        "order", "customer", "invoice", "payment", "cart", "item", "product", "price", "total", "amount", "discount", "shipping",
        "address", "account", "session", "token", "request", "response", "result", "value", "details", "status", "count", "index",
        "buffer", "record", "entry", "report", "metric", "event", "queue", "job", "task", "worker", "cache", "config", "setting",
        "option", "filter", "query", "page", "limit", "offset", "region", "currency", "tax", "fee", "balance", "ledger", "batch",
        "chunk", "stream", "channel", "handler", "service", "router", "route", "view", "model", "schema", "field", "column",
        "table", "row", "user", "profile", "role", "permission", "group", "team", "tenant", "plan", "subscription", "coupon",
        "voucher", "warehouse", "stock", "supplier", "delivery", "parcel", "label", "message", "notice", "alert", "variant",
        "flag", "detail", "evaluation", "snapshot", "cursor", "window", "frame", "layout", "theme", "locale", "timezone",
    ];

    private static readonly string[] Verbs =
    [
        "get", "set", "load", "save", "build", "compute", "apply", "parse", "format", "render", "update", "create", "delete",
        "find", "fetch", "check", "validate", "resolve", "merge", "sort", "map", "reduce", "send", "emit", "track", "handle",
        "process", "sync", "flush", "reset", "open", "close", "read", "write", "enqueue", "retry", "evaluate", "normalize", "collect",
    ];

    private static readonly string[] Adjectives =
    [
        "new", "old", "fast", "legacy", "pending", "active", "primary", "default", "current", "next", "last", "max", "min", "raw",
        "cached", "enabled", "disabled", "visible", "dirty", "flagged", "remote", "local", "shared", "partial",
    ];

    private static readonly string[] Phrases =
    [
        "the order total is recomputed after every change", "retry with back-off when the upstream times out",
        "keep this in sync with the billing service", "values are cached for five minutes", "never log the raw token",
        "the details view is rendered lazily", "rounding happens once, at the end", "this path is hot: avoid allocations",
        "invoices older than a year are archived", "empty carts are garbage collected nightly", "see the runbook for the on-call steps",
        "the region decides the currency and the tax rules", "batch size was tuned on production traffic",
        "Überprüfung der Bestellung vor dem Versand", "Commande validée, en attente de paiement", "注文を処理してから在庫を更新する",
        "Заказ обработан и отправлен клиенту", "naïve café prices in €", "🚀 deploy after the smoke tests pass",
        "Ελληνικά: η παραγγελία ολοκληρώθηκε", "señal de inventario bajo", "计算订单总额并应用折扣",
    ];

    private static readonly string[] KeyWords =
    [
        "checkout", "search", "pricing", "onboarding", "dashboard", "banner", "wishlist", "navigation", "export", "import", "reports",
        "billing", "payments", "cart", "profile", "settings", "themes", "sidebar", "editor", "upload", "preview", "recommendations",
        "reviews", "shipping", "tracking", "coupons", "loyalty", "chat", "notifications", "analytics", "insights", "beta", "rollout",
        "homepage", "layout", "filters", "sorting", "inventory", "returns", "gift", "subscriptions", "invoices", "tax", "refunds",
    ];

    private static readonly string[] KeyAdjectives = ["new", "fast", "smart", "better", "dark", "simple", "instant", "bulk", "express", "legacy", "next", "v2", "async", "mobile"];

    private static readonly string[] NonAsciiKeys = ["größe-filter", "café-menu", "señal-stock", "naïve-pricing", "zürich-rollout"];

    public static string Noun(Random r) => Nouns[r.Next(Nouns.Length)];

    public static string Verb(Random r) => Verbs[r.Next(Verbs.Length)];

    public static string Adjective(Random r) => Adjectives[r.Next(Adjectives.Length)];

    public static string Phrase(Random r) => Phrases[r.Next(Phrases.Length)];

    public static string Pascal(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    /// <summary>A camelCase identifier (verbNoun, adjectiveNoun or noun) that is no trigger word.</summary>
    public static string Camel(Random r)
    {
        while (true)
        {
            var id = r.Next(3) switch
            {
                0 => Verb(r) + Pascal(Noun(r)),
                1 => Adjective(r) + Pascal(Noun(r)),
                _ => Noun(r) + Pascal(Noun(r)),
            };
            if (!Catalog.IsReserved(id))
            {
                return id;
            }
        }
    }

    public static string PascalId(Random r)
    {
        while (true)
        {
            var id = Pascal(Camel(r));
            if (!Catalog.IsReserved(id))
            {
                return id;
            }
        }
    }

    public static string Snake(Random r)
    {
        while (true)
        {
            var id = r.Next(2) == 0 ? Verb(r) + "_" + Noun(r) : Adjective(r) + "_" + Noun(r);
            if (!Catalog.IsReserved(id))
            {
                return id;
            }
        }
    }

    public static string UpperSnake(Random r) => (Adjective(r) + "_" + Noun(r)).ToUpperInvariant();

    public static string Sentence(Random r)
    {
        if (r.Next(4) == 0)
        {
            return Phrase(r);
        }
        var n = 4 + r.Next(9);
        var sb = new StringBuilder();
        for (var i = 0; i < n; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }
            sb.Append(r.Next(3) switch { 0 => Verb(r), 1 => Adjective(r), _ => Noun(r) });
        }
        if (r.Next(3) == 0)
        {
            sb.Append(r.Next(2) == 0 ? ", " : "; ").Append(Phrase(r));
        }
        return sb.ToString();
    }

    /// <summary>A flag key in one of the common spellings.</summary>
    public static string Key(Random r)
    {
        var a = KeyAdjectives[r.Next(KeyAdjectives.Length)];
        var b = KeyWords[r.Next(KeyWords.Length)];
        var n = r.Next(1000).ToString(CultureInfo.InvariantCulture);
        return r.Next(200) switch
        {
            0 => NonAsciiKeys[r.Next(NonAsciiKeys.Length)] + "-" + n,
            < 100 => $"{a}-{b}-{n}",
            < 150 => $"{a}_{b}_{n}",
            < 180 => $"{a}{Pascal(b)}{n}",
            _ => $"{Pascal(a)}{Pascal(b)}{n}",
        };
    }

    /// <summary>A Ruby-symbol-safe key.</summary>
    public static string SymbolKey(Random r) =>
        $"{KeyAdjectives[r.Next(KeyAdjectives.Length)]}_{KeyWords[r.Next(KeyWords.Length)]}_{r.Next(1000).ToString(CultureInfo.InvariantCulture)}";

    public static string UpperKey(Random r) =>
        $"{KeyAdjectives[r.Next(KeyAdjectives.Length)]}_{KeyWords[r.Next(KeyWords.Length)]}_{r.Next(100).ToString(CultureInfo.InvariantCulture)}".ToUpperInvariant();

    public static string Number(Random r) => r.Next(10) switch
    {
        0 => r.Next(1_000_000).ToString(CultureInfo.InvariantCulture),
        1 => (r.Next(10000) / 100.0).ToString("0.00", CultureInfo.InvariantCulture),
        _ => r.Next(100).ToString(CultureInfo.InvariantCulture),
    };
}
