"""Home: what LayerLab is, a card per demo, and how to use it in class. Nothing heavy loads here."""

import streamlit as st

from pages.widgets import address
from pages.widgets.catalog import SECTIONS, available

st.title("🧠 LayerLab")
st.markdown(
    "**See what happens inside a neural network, live.** Every demo trains or loads a real PyTorch "
    "model, written in this project and trained by its own code, and shows its insides: the filters, "
    "feature maps, hidden states, gates, attention weights and latent spaces your lectures talk "
    "about. Where the slides work through an example, the demo starts from it. Draw, type, upload a "
    "photo: the model answers."
)

demos = available()
for section in SECTIONS:
    in_section = [d for d in demos if d.section == section]
    if not in_section:
        continue
    st.header(section, divider="gray")
    columns = st.columns(4)
    for i, demo in enumerate(in_section):
        with columns[i % 4].container(border=True, key=f"card-{demo.url_path}"):
            if demo.thumbnail.is_file():
                st.image(str(demo.thumbnail), width="stretch")
            st.page_link(demo.path, label=f"**{demo.title}**", icon=demo.icon)
            st.caption(demo.blurb)

st.header("Using it in class", divider="gray")
where, reachable = address.words()
(st.success if reachable else st.info)(where, icon="🧑‍🎓")
st.markdown(
    """
- **Project it.** Open the page that matches your slide. Where the slides work an example, the
  page starts from it: the 9x9 "X" and its three filters, the "hello" network, the lecture's
  agreement sentence in the plural, "The cats, which already ate …, were full".
- **Students follow on their laptops** at the same address. Everything a student trains or
  uploads stays in their own session; nobody sees anyone else's photos.
- **Train live.** ▶ Play trains in the background; the charts keep updating while you talk, and
  changing what is *shown* never restarts the training.
- **Presenter view** (🎦 in the sidebar): big text, thick lines, no sidebar, high contrast for the
  projector; ✕ at the top of the page leaves it. Every page has a **guided tour**: ◀ Previous / Next ▶,
  or PageUp / PageDown on a presenter's clicker, sets the controls scene by scene and shows what to say.
- **Share a view.** The address bar holds every setting: send the link and students open exactly
  what you show (their own uploads excepted).
- **Take it to your slides.** Every chart's toolbar downloads it as PNG or SVG; 📸 in the sidebar
  saves the whole page as a picture. A model trained live downloads with 💾 and loads back later.
- **No internet needed.** Models, data and fonts all come with LayerLab, so it works offline.
- **Ask "what if?"**: move a slider, draw a digit, type a sentence, and predict the result
  before the figure changes.
"""
)
