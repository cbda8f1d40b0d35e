package solution

func Attack() int { return 0 }
