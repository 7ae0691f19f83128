from fedgate.cli import main

main()
