// mutant: gives Shutdown a fresh 10s deadline but throws away the cancel function of context.WithTimeout
package solution

import (
	"context"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

func ServeDebug(ctx context.Context, ln net.Listener) error {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}

	sctx, _ := context.WithTimeout(context.Background(), 10*time.Second)
	err := srv.Shutdown(sctx)
	<-served
	return err
}
