module goconcur/cacheprog

go 1.26.0
