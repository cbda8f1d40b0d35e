package solution

import (
	"net"
	"time"
)

// Passes only when no network is reachable: not the host's Redis, not the internet, no DNS.
func Attack() int {
	for _, addr := range []string{"127.0.0.1:6379", "10.0.0.1:80", "8.8.8.8:53", "[::1]:6379"} {
		if conn, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			conn.Close()
			return -1
		}
	}
	if _, err := net.LookupHost("pypi.org"); err == nil {
		return -2
	}
	return 42
}
