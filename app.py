"""LayerLab: the router and the frame. Every page lives in pages/; the science in engine/."""

import streamlit as st
from streamlit.errors import FragmentHandledException, StreamlitAPIException

from pages.widgets import address, classroom, links, warmup
from pages.widgets.chrome import navigation, run_routed, sidebar

st.set_page_config(page_title="LayerLab", page_icon="🧠", layout="wide")

page = navigation()
address.announce()  # the address students type, in the console (the home page says it too)
links.restore()
links.notes()
sidebar()
classroom.frame(page.url_path or "home")
if page.url_path:
    warmup.settle()  # demo pages draw with libraries the device probe imports once per server
try:
    run_routed(page)
except (
    StreamlitAPIException,
    FragmentHandledException,
    TypeError,
    ValueError,
    IndexError,
    KeyError,
) as error:
    # A fragment shows its own error and raises FragmentHandledException(error), wrapped once more by
    # each fragment around it: look at what the innermost one held.
    cause = error
    while isinstance(cause, FragmentHandledException) and cause.args:
        cause = cause.args[0]
    if not isinstance(cause, (StreamlitAPIException, TypeError, ValueError, IndexError, KeyError)) or (
        not links.restored_from_link()
    ):
        raise
    links.forget_restored()  # a link whose values do not fit the page (out of range, not an option): defaults
    st.rerun()
else:
    links.settled()
    links.adopt()  # a link's values for the widgets just drawn: set, then one more run
finally:
    links.write(after_page=True)
    classroom.finish()
