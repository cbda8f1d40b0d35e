module goconcur/solution

go 1.26
