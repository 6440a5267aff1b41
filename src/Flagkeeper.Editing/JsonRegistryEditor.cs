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

    private JsonRegistryEditor(JsonObject root, string text, string displayPath) => (_root, _original, _displayPath) = (root, text, displayPath);

    /// <summary>An editor of <paramref name="text"/> (already read as a registry, so valid JSON); FK3015 when it is not an object.</summary>
    public static Result<JsonRegistryEditor> For(string text, string displayPath)
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        return JsonNode.Parse(text, documentOptions: options) is JsonObject root
            ? new JsonRegistryEditor(root, text, displayPath)
            : ErrorCodes.UnsupportedEdit.Create($"{displayPath}: the registry is not a JSON object");
    }

    /// <summary>The edited text; the original, untouched, when no edit changed a value.</summary>
    public string Text => _changed ? _root.ToJsonString(Output) + "\n" : _original;

    /// <summary>Applies one edit; the reason when it cannot (the flag is not in the file).</summary>
    public FlagkeeperError? Apply(RegistryEdit edit)
    {
        if (edit is not AddFlag && Flag(edit.Key) is null)
        {
            return ErrorCodes.FlagNotFound.Create($"flag '{edit.Key}' is not in {_displayPath}");
        }
        switch (edit)
        {
            case SetFlagValue set:
                var flag = Flag(set.Key)!;
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
                _changed |= ((JsonObject)_root["flags"]!).Remove(remove.Key);
                break;
            case SetTargeting targeting:
                SetTargeting(Flag(targeting.Key)!, targeting);
                break;
            default:
                throw new ArgumentException($"unknown edit {edit.GetType().Name}", nameof(edit));
        }
        return null;
    }

    private JsonObject? Flag(string key) => _root["flags"] is JsonObject flags && flags[key] is JsonObject flag ? flag : null;

    private void SetTargeting(JsonObject flag, SetTargeting edit)
    {
        var spec = edit.Targeting;
        var target = flag;
        if (edit.Environment is not null)
        {
            if (spec.IsEmpty && (flag["environments"] as JsonObject)?[edit.Environment] is not JsonObject)
            {
                return; // nothing to remove; never create an environment just to empty it
            }
            target = Child(Child(flag, "environments"), edit.Environment);
        }
        if (spec.IsEmpty)
        {
            _changed |= target.Remove("targeting");
            return;
        }
        var targeting = new JsonObject();
        if (spec.Users.Count > 0)
        {
            targeting["users"] = ToNode(spec.Users);
        }
        if (spec.Groups.Count > 0)
        {
            targeting["groups"] = new JsonArray([.. spec.Groups.Select(g => g.Rollout is { } rollout
                ? new JsonObject { ["name"] = g.Name, ["rollout"] = rollout }
                : (JsonNode?)JsonValue.Create(g.Name))]);
        }
        var exclude = new JsonObject();
        if (spec.ExcludedUsers.Count > 0)
        {
            exclude["users"] = ToNode(spec.ExcludedUsers);
        }
        if (spec.ExcludedGroups.Count > 0)
        {
            exclude["groups"] = ToNode(spec.ExcludedGroups);
        }
        if (exclude.Count > 0)
        {
            targeting["exclude"] = exclude;
        }
        Assign(target, "targeting", targeting);
    }

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
