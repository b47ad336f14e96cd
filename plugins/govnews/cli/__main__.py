import sys

from govnews.cli.commands import main

sys.exit(main())
