"""A typed client for the HappyFox help-desk API (v1.1), over a Rust core.

    import happyfox
    from happyfox.testing import Emulator

    with Emulator(tickets=20) as emulator:
        client = emulator.client()
        for ticket in client.tickets.iter(q=happyfox.Query().status("New")):
            print(ticket.id, ticket.subject)

Every call releases the GIL; `AsyncClient` is the same client for asyncio. Models are
read-only objects with typed attributes, keyword constructors, `to_dict()` / `from_dict()`,
`to_json()` / `from_json()`, `extra` and pickling; errors are subclasses of `HappyFoxError`.
"""

from __future__ import annotations

from ._errors import AmbiguousNameError as AmbiguousNameError
from ._errors import AuthenticationError as AuthenticationError
from ._errors import ConflictError as ConflictError
from ._errors import DecodeError as DecodeError
from ._errors import DryRunError as DryRunError
from ._errors import FieldError as FieldError
from ._errors import HappyFoxError as HappyFoxError
from ._errors import HttpError as HttpError
from ._errors import InsecureWriteError as InsecureWriteError
from ._errors import InvalidRequestError as InvalidRequestError
from ._errors import IoError as IoError
from ._errors import NotFoundError as NotFoundError
from ._errors import PreparedRequest as PreparedRequest
from ._errors import QueryError as QueryError
from ._errors import RateLimitError as RateLimitError
from ._errors import RedirectError as RedirectError
from ._errors import ResponseTooLargeError as ResponseTooLargeError
from ._errors import TimeoutError as TimeoutError
from ._errors import TransportError as TransportError
from ._errors import UnknownNameError as UnknownNameError
from ._errors import ValidationError as ValidationError
from ._async import AsyncClient as AsyncClient
from ._async import AsyncPager as AsyncPager
from ._async import ClientOptions as ClientOptions
from ._happyfox import *  # noqa: F403  (Client, Query, UNASSIGNED, the models, pages, resources...)
from ._happyfox import __version__ as __version__
