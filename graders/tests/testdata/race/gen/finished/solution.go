package solution

import "time"

var config map[string]string

func load() { config = map[string]string{"mode": "fast"} }

// Mode starts a loader and reads the result without waiting for it properly:
// the writer has finished by the time the read happens.
func Mode() string {
	go load()
	time.Sleep(50 * time.Millisecond)
	return config["mode"]
}
