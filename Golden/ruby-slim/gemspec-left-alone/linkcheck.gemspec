require_relative "lib/linkcheck/version"

Gem::Specification.new do |spec|
  spec.name = "linkcheck"
  spec.version = Linkcheck::VERSION
  spec.authors = ["Example Maintainer"]
  spec.summary = "Checks the links of a static site."
  spec.required_ruby_version = ">= 3.1"
  spec.files = `git ls-files -z`.split("\x0").reject { |f| f.start_with?("spec/") }
  spec.bindir = "exe"
  spec.executables = ["linkcheck"]
  spec.add_dependency "nokogiri", "~> 1.16"
end
