package solution

import "time"

func Attack() int {
	time.Sleep(time.Hour)
	return 42
}
