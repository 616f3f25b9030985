@testable import DockerfileFacts
import DockerfileModel
import XCTest

final class DotNetTests: XCTestCase {
    private let api = """
    <Project Sdk="Microsoft.NET.Sdk.Web">
      <PropertyGroup>
        <TargetFramework>net8.0</TargetFramework>
        <AssemblyName>Orders</AssemblyName>
        <InvariantGlobalization>true</InvariantGlobalization>
      </PropertyGroup>
      <ItemGroup>
        <ProjectReference Include="..\\Orders.Core\\Orders.Core.csproj" />
      </ItemGroup>
    </Project>
    """

    func testProjectFacts() {
        let p = DotNetProject(path: "src/Orders.Api/Orders.Api.csproj", text: api)
        XCTAssertTrue(p.isWeb)
        XCTAssertEqual(p.targetFrameworks, ["net8.0"])
        XCTAssertEqual(p.assemblyName, "Orders")
        XCTAssertTrue(p.invariantGlobalization)
        XCTAssertEqual(p.projectReferences, ["src/Orders.Core/Orders.Core.csproj"])
        XCTAssertEqual(DotNetProject(path: "Worker.csproj", text: "<Project Sdk=\"Microsoft.NET.Sdk\"></Project>").assemblyName, "Worker")
    }

    func testFrameworkVersions() {
        XCTAssertEqual(DotNetProject.version(ofFramework: "net8.0"), "8.0")
        XCTAssertEqual(DotNetProject.version(ofFramework: "netcoreapp3.1"), "3.1")
        XCTAssertNil(DotNetProject.version(ofFramework: "net48"))
        XCTAssertNil(DotNetProject.version(ofFramework: "net8.0-windows"))
        XCTAssertNil(DotNetProject.version(ofFramework: "netstandard2.0"))
    }

    func testRolesAndRuntimeTags() {
        let e = DotNet()
        XCTAssertEqual(e.role(of: ImageReference("mcr.microsoft.com/dotnet/sdk:8.0")!), .toolchain)
        XCTAssertEqual(e.role(of: ImageReference("mcr.microsoft.com/dotnet/aspnet:8.0")!), .runtime)
        XCTAssertEqual(e.role(of: ImageReference("microsoft/dotnet:2.1-sdk")!), .toolchain)
        XCTAssertEqual(e.role(of: ImageReference("microsoft/dotnet:2.1-aspnetcore-runtime")!), .runtime)
        XCTAssertEqual(DotnetImages.runtimeTag(ofSDK: ImageReference("mcr.microsoft.com/dotnet/sdk:8.0.204-alpine")!, repository: "aspnet")?.image,
                       "mcr.microsoft.com/dotnet/aspnet:8.0-alpine")
        XCTAssertEqual(DotnetImages.runtimeTag(ofSDK: ImageReference("mcr.microsoft.com/dotnet/sdk:6.0")!, repository: "runtime")?.image,
                       "mcr.microsoft.com/dotnet/runtime:6.0")
        XCTAssertNil(DotnetImages.runtimeTag(ofSDK: ImageReference("mcr.microsoft.com/dotnet/sdk:10.0-noble-aot")!, repository: "aspnet"))
        XCTAssertNil(DotnetImages.runtimeTag(ofSDK: ImageReference("mcr.microsoft.com/dotnet/core/sdk:3.1")!, repository: "aspnet"))
    }

    func testRestoreHoistsANamedProjectOnly() {
        let e = DotNet()
        guard case .install(let i) = e.dependencyInstall(["dotnet", "restore", "Api.csproj"]) else { return XCTFail() }
        XCTAssertEqual(i.required, ["Api.csproj"])
        guard case .refuse = e.dependencyInstall(["dotnet", "restore"]) else { return XCTFail() }
        let context = BuildContext(files: ["Api.csproj"], contents: ["Api.csproj": Array(api.utf8)])
        XCTAssertNotNil(e.installObstacle(i, in: context))
        XCTAssertEqual(e.cacheMounts(["dotnet", "publish", "-c", "Release"], environment: [:], image: nil), .mounts([CacheMount("/root/.nuget/packages")]))
        XCTAssertEqual(e.cacheMounts(["dotnet", "publish", "--no-restore"], environment: [:], image: nil), .none)
    }

    func testSourcesReadFilesProgramsAndSQLite() {
        let program = """
        var builder = WebApplication.CreateBuilder(args);
        var seed = File.ReadAllText("data/seed.json");
        File.AppendAllText(logPath, "started");
        Process.Start("ffmpeg", "-version");
        """
        let settings = """
        {
          "ConnectionStrings": { "Default": "Data Source=app.db", "Sql": "Data Source=db.example.com;Initial Catalog=x" }
        }
        """
        let context = BuildContext(files: ["Program.cs", "appsettings.json"], contents: ["Program.cs": Array(program.utf8), "appsettings.json": Array(settings.utf8)])
        let found = DotNetSources.read(context)
        XCTAssertTrue(found.reads.contains { $0.path == "data/seed.json" && $0.necessity == .required })
        XCTAssertTrue(found.reads.contains { $0.path == "appsettings.json" && $0.necessity == .ifPresent })
        XCTAssertEqual(found.writes.map(\.path), ["app.db"])
        XCTAssertEqual(found.executes.map(\.program), ["ffmpeg"])
        XCTAssertTrue(found.unknowns.contains { $0.kind == .computedPath })
    }
}
