/// What the command a Node.js image starts runs, through package.json's
/// scripts (`yarn start` → `vite preview`), and what it writes that the
/// program's sources cannot say: build tools and development servers write
/// caches and output into the project when they start. `use-nonroot` asks
/// it before it makes the project root-owned for a user who cannot write.
enum NodeStartCommand {
    /// Tools that write into the project when they start, and what they write.
    /// Sources: each tool's documentation of its cache and output folders.
    static let writingTools: [String: String] = [
        "vite": "Vite writes its bundled config (node_modules/.vite-temp or a vite.config.*.timestamp file) and its dependency cache (node_modules/.vite) when it starts",
        "react-scripts": "react-scripts writes its Babel and ESLint caches into node_modules/.cache",
        "react-app-rewired": "react-app-rewired runs react-scripts, which writes its caches into node_modules/.cache",
        "craco": "craco runs react-scripts, which writes its caches into node_modules/.cache",
        "vue-cli-service": "vue-cli-service writes its loaders' caches into node_modules/.cache",
        "next": "Next.js writes .next (its build, and the image and fetch caches of `next start`)",
        "nuxt": "Nuxt writes .nuxt and .output", "nuxi": "Nuxt writes .nuxt and .output",
        "ng": "the Angular CLI writes its build cache into .angular/cache",
        "gatsby": "Gatsby writes .cache and public",
        "tsc": "tsc writes its output folder", "nest": "the Nest CLI compiles into dist when it starts",
        "webpack": "webpack writes its output folder and its loaders' caches", "webpack-dev-server": "webpack-dev-server's loaders write node_modules/.cache",
        "parcel": "Parcel writes .parcel-cache and dist", "svelte-kit": "SvelteKit writes .svelte-kit", "astro": "Astro writes .astro",
        "remix": "Remix writes build and .cache", "ember": "ember writes dist and tmp", "strapi": "Strapi writes .cache, build and .tmp",
        "babel-node": "@babel/register writes its cache into node_modules/.cache", "prisma": "Prisma writes its engines and client into node_modules",
        "sequelize": "sequelize-cli runs migrations, which may write a SQLite file", "knex": "knex runs migrations, which may write a SQLite file",
    ]

    /// Programs that run the application's own sources (which the source
    /// reader answers for) or only serve files.
    static let sourceRunners: Set<String> = ["node", "nodemon", "ts-node", "tsx", "pm2-runtime", "pm2", "forever", "serve", "http-server"]

    /// Why the command writes beyond what the sources say; `nil` when it
    /// runs the sources or is not a Node.js tool.
    static func whyWrites(_ argv: [String], context: BuildContext?) -> String? {
        whyWrites(argv, context: context, depth: 0, viaScript: nil)
    }

    private static func whyWrites(_ argv: [String], context: BuildContext?, depth: Int, viaScript: String?) -> String? {
        guard depth < 6 else { return "package.json's scripts call each other too deeply to follow" }
        let words = unwrapped(argv)
        guard let first = words.first else { return nil }
        let tool = Paths.basename(first)
        if ["npm", "yarn", "pnpm"].contains(tool) {
            guard let script = scriptName(tool, Array(words.dropFirst())) else { return nil }
            guard let json = context?.text("package.json").flatMap(JSONDocument.parse) else {
                return "`\(words.joined(separator: " "))` runs a script of package.json, which is not at hand"
            }
            let scripts = json["scripts"]?.stringMembers ?? []
            var bodies = ["pre" + script, script, "post" + script].compactMap { name in scripts.last { $0.0 == name }?.1 }
            // `npm start` without a start script runs `node server.js`.
            if bodies.isEmpty, script == "start" { bodies = ["node server.js"] }
            guard !bodies.isEmpty else { return "`\(words.joined(separator: " "))` names no script of package.json" }
            for body in bodies {
                for command in ShellScan(body).commands {
                    if let why = whyWrites(command, context: context, depth: depth + 1, viaScript: script) { return why }
                }
            }
            return nil
        }
        let via = viaScript.map { " (package.json's \($0) script)" } ?? ""
        if sourceRunners.contains(tool) { return nil }
        if let what = writingTools[tool] { return "it runs \(tool)\(via): \(what)" }
        // Inside a script, any other program is one dockslim cannot vouch for.
        if viaScript != nil, !["echo", "true", "sleep", "printenv", "env"].contains(tool) {
            return "it runs \(tool)\(via), whose writes dockslim does not know"
        }
        return nil
    }

    /// The words without `exec`, `npx`, `cross-env` and `dotenv … --`, and their variable settings.
    static func unwrapped(_ argv: [String]) -> [String] {
        var words = argv[...]
        while let w = words.first {
            if w == "exec" || w == "npx" || w == "cross-env" || w == "env" || (w.contains("=") && !w.hasPrefix("-") && !w.hasPrefix("/")) {
                words.removeFirst()
            } else if w == "dotenv", let dash = words.firstIndex(of: "--") {
                words = words[(dash + 1)...]
            } else if w == "yarn" || w == "pnpm", words.dropFirst().first == "dlx" || words.dropFirst().first == "exec" {
                words.removeFirst(2)
            } else {
                break
            }
        }
        return Array(words)
    }

    /// The script `npm start`, `npm run dev`, `yarn dev`, `pnpm run build` runs; `nil` for installs and other commands.
    static func scriptName(_ manager: String, _ args: [String]) -> String? {
        let plain = args.filter { !$0.hasPrefix("-") }
        guard let sub = plain.first else { return nil }
        switch sub {
        case "start", "test", "stop", "restart": return sub
        case "run", "run-script": return plain.dropFirst().first
        default:
            // Yarn and pnpm run a script named as the command (`yarn dev`).
            let builtins: Set<String> = ["install", "i", "ci", "add", "remove", "prune", "exec", "dlx", "cache", "config", "info", "list", "ls", "why", "audit", "outdated", "upgrade", "up", "link", "pack", "publish", "rebuild", "init", "create", "global"]
            return manager == "npm" || builtins.contains(sub) ? nil : sub
        }
    }
}
