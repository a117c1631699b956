// An esbuild plugin for bundles that run in a browser (the web worker extension host): importing a Node
// built-in fails the build, naming the built-in and the file that imports it. Packages that only reach
// for Node when they detect it at run time (web-tree-sitter's `process.versions.node` branch) get a stub
// that throws if that branch is ever taken.
import { builtinModules } from 'node:module';
import { relative } from 'node:path';

const builtins = new Set(builtinModules);

/** Whether `specifier` names a Node built-in (`fs`, `fs/promises`, `node:path`…). */
export function isNodeBuiltin(specifier) {
  const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  return builtins.has(bare) || builtins.has(bare.split('/')[0]) || specifier.startsWith('node:');
}

/** @param {{ stubbedIn?: string[] }} options packages (folders under node_modules) whose Node branches are stubbed */
export function noNodeBuiltins({ stubbedIn = [] } = {}) {
  return {
    name: 'no-node-builtins',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point' || !isNodeBuiltin(args.path)) return undefined;
        const importer = relative(process.cwd(), args.importer);
        // by folder name anywhere in the path: node_modules may be a symlink that resolves elsewhere
        const importerPath = args.importer.split('\\').join('/');
        if (stubbedIn.some((pkg) => importerPath.includes(`/node_modules/${pkg}/`)))
          return { path: args.path, namespace: 'node-builtin-stub', pluginData: importer };
        return {
          errors: [
            {
              text: `the browser bundle imports the Node built-in '${args.path}' (from ${importer}); move it behind the desktop entry or src/extension/files/`,
            },
          ],
        };
      });
      build.onLoad({ filter: /.*/, namespace: 'node-builtin-stub' }, (args) => ({
        contents: `throw new Error(${JSON.stringify(`${args.pluginData} reached for Node's ${args.path} in a browser`)});`,
        loader: 'js',
      }));
    },
  };
}
