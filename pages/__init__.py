"""LayerLab's pages. app.py registers them with st.navigation and runs the one asked for inside its frame;
a page that Streamlit ran without it goes back through it (pages/widgets/chrome.py, `header`)."""
