require "nokogiri"
require_relative "linkcheck/version"

module Linkcheck
  def self.links(path)
    Nokogiri::HTML(File.read(path)).css("a[href]").map { |a| a["href"] }
  end
end
