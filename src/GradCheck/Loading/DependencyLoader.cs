using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace GradCheck.Commands
{
    /// <summary>
    /// Loads the module's dependencies (MathNet.Numerics, …) from its Dependencies folder, in PSResourceGet's
    /// pattern: on PowerShell 7 into GradCheck's own AssemblyLoadContext, so that another module's copy of
    /// the same library, of another version, cannot clash with ours; on Windows PowerShell by
    /// Assembly.LoadFrom. The dependencies sit apart from GradCheck.dll precisely so that the default
    /// probing misses them and the resolve event reaches us.
    /// </summary>
    public sealed class DependencyLoader : IModuleAssemblyInitializer
    {
        private const string FolderName = "Dependencies";
        private static readonly string Folder =
            Path.Combine(Path.GetDirectoryName(typeof(DependencyLoader).Assembly.Location) ?? ".", FolderName);

        private static readonly LoadContext Context = LoadContext.Create("GradCheck");
        private static bool s_registered;

        public void OnImport()
        {
            if (s_registered) return;
            s_registered = true;
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        private static Assembly Resolve(object sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name);
            string path = Path.Combine(Folder, name.Name + ".dll");
            if (!File.Exists(path)) return null;
            // Only our own assemblies ask for what lies in our folder; others keep their own resolution.
            var requester = args.RequestingAssembly?.GetName().Name;
            if (requester != null && !requester.StartsWith("GradCheck", StringComparison.Ordinal)
                && !IsDependency(requester)) return null;
            return Context != null ? Context.LoadFromAssemblyPath(path) : Assembly.LoadFrom(path);
        }

        private static bool IsDependency(string assemblyName) =>
            File.Exists(Path.Combine(Folder, assemblyName + ".dll"));

        /// <summary>
        /// AssemblyLoadContext through reflection: the type exists on .NET (PowerShell 7) but not in
        /// netstandard2.0's surface or on .NET Framework, where <see cref="Create"/> returns null.
        /// </summary>
        private sealed class LoadContext
        {
            private readonly object _context;
            private readonly MethodInfo _loadFromAssemblyPath;

            private LoadContext(Type type, string name)
            {
                _context = type.GetConstructor(new[] { typeof(string), typeof(bool) })
                    .Invoke(new object[] { name, false });
                _loadFromAssemblyPath = type.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
            }

            public Assembly LoadFromAssemblyPath(string path) =>
                (Assembly)_loadFromAssemblyPath.Invoke(_context, new object[] { path });

            public static LoadContext Create(string name)
            {
                var type = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");
                return type == null ? null : new LoadContext(type, name);
            }
        }
    }
}
