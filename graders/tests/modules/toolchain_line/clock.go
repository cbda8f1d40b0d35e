package clock

import "time"

func After(d time.Duration) bool { <-time.After(d); return true }
