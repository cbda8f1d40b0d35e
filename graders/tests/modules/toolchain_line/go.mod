module example.com/clock

go 1.22

toolchain go1.99.1
