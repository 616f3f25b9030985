package websocket

import "net/http"

// Pool fans messages out to every connected client.
type Pool struct{ register chan *http.Request }

func NewPool() *Pool { return &Pool{register: make(chan *http.Request)} }

func (p *Pool) Start() {
	for range p.register {
	}
}

func (p *Pool) Serve(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusSwitchingProtocols) }
