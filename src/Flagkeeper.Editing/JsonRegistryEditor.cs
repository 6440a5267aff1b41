using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Editing;

/// <summary>
/// Applies <see cref="RegistryEdit"/>s to a flags.json. JSON has no comments to keep, so the
/// document is edited as a <see cref="JsonNode"/> (property order is preserved) and written back
/// indented with two spaces.
/// </summary>
internal sealed class JsonRegistryEditor
{
    private static readonly JsonSerializerOptions Output = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly JsonObject _root;
    private readonly string _displayPath;
    private readonly string _original;
    private bool _changed;

    public JsonRegistryEditor(string text, string displayPath)
    {
        _displayPath = displayPath;
        _original = text;
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        _root = JsonNode.Parse(text, documentOptions: options) as JsonObject
            ?? throw new FlagkeeperException(ErrorCodes.UnsupportedEdit.Create($"{displayPath}: the registry is not a JSON object"));
    }

    /// <summary>The edited text; the original, untouched, when no edit changed a value.</summary>
    public string Text => _changed ? _root.ToJsonString(Output) + "\n" : _original;

    public void Apply(RegistryEdit edit)
    {
        switch (edit)
        {
            case SetFlagValue set:
                var flag = Flag(set.Key);
                var target = flag;
                if (set.Environment is not null)
                {
                    var environments = Child(flag, "environments");
                    target = Child(environments, set.Environment);
                }
                Assign(target, set.Field, ToNode(set.Value));
                break;
            case AddFlag add:
                var flags = Child(_root, "flags");
                var created = new JsonObject();
                foreach (var field in add.Fields)
                {
                    created[field.Key] = ToNode(field.Value);
                }
                Assign(flags, add.Key, created);
                break;
            case RemoveFlag remove:
                Flag(remove.Key);
                _changed |= ((JsonObject)_root["flags"]!).Remove(remove.Key);
                break;
            default:
                throw new ArgumentException($"unknown edit {edit.GetType().Name}", nameof(edit));
        }
    }

    private JsonObject Flag(string key) =>
        _root["flags"] is JsonObject flags && flags[key] is JsonObject flag
            ? flag
            : throw new FlagkeeperException(ErrorCodes.FlagNotFound.Create($"flag '{key}' is not in {_displayPath}"));

    private void Assign(JsonObject target, string name, JsonNode? value)
    {
        if (!JsonNode.DeepEquals(target[name], value))
        {
            target[name] = value;
            _changed = true;
        }
    }

    private JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing)
        {
            return existing;
        }
        var created = new JsonObject();
        parent[name] = created;
        _changed = true;
        return created;
    }

    private static JsonNode? ToNode(object value) => value switch
    {
        bool b => JsonValue.Create(b),
        double d => JsonValue.Create(d),
        int i => JsonValue.Create(i),
        DateOnly date => JsonValue.Create(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        IEnumerable<string> list => new JsonArray(list.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
        string s => JsonValue.Create(s),
        _ => throw new ArgumentException($"cannot write {value.GetType().Name} as JSON", nameof(value)),
    };
}
