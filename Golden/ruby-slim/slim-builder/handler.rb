require "oj"

class WebhookHandler
  def call(env)
    payload = Oj.load(env["rack.input"].read)
    warn "event: #{payload["event"]}"
    [202, { "content-type" => "application/json" }, [Oj.dump({ accepted: true }, mode: :compat)]]
  end
end
