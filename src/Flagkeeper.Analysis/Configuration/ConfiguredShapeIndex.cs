using Flagkeeper.Analysis.Scanning.Catalog;

namespace Flagkeeper.Analysis.Configuration;

/// <summary>
/// <c>ShapeIndex.ForConfig</c>: the catalog prepared for one flagkeeper.yaml. It lives with the configuration, which
/// already knows the catalog (it checks SDK names against it), so the catalog never needs to know the configuration.
/// </summary>
public static class ConfiguredShapeIndex
{
    extension(ShapeIndex)
    {
        /// <summary>The built-in shapes with the configuration's environment prefixes and SDKs.</summary>
        public static ShapeIndex ForConfig(FlagkeeperConfig config)
        {
            ArgumentNullException.ThrowIfNull(config);
            return new(BuiltInCatalog.Shapes, config.EnvPrefixes, config.Sdks);
        }
    }
}
