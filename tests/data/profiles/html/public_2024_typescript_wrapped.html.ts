// Saved with the page's HTML untouched: formatting it would change what the parser sees.
// prettier-ignore
export const profile2: string = `<html lang="en"><head>
<meta name="pageKey" content="public_profile_v3_desktop">
  
<meta name="robots" content="max-image-preview:large, noarchive">
<meta name="locale" content="en_US">
<meta id="config" data-app-version="2.0.2300" data-multiproduct-name="public-profile-frontend" data-service-name="public-profile-frontend" data-member-id="0">

<link rel="canonical" href="https://no.linkedin.com/in/matteo-brandao-lindqvist">
<!----><!---->
<!---->
  <meta property="al:android:url" content="https://no.linkedin.com/in/matteo-brandao-lindqvist">
  <meta property="al:android:package" content="com.linkedin.android">
<title>Matteo Brandão Lindqvist - Fjellvik Academy | LinkedIn</title>
<meta property="og:title" content="Matteo Brandão Lindqvist - Fjellvik Academy | LinkedIn">
<meta property="og:url" content="https://no.linkedin.com/in/matteo-brandao-lindqvist">
<meta property="profile:first_name" content="Matteo">
<meta property="profile:last_name" content="Brandão Lindqvist">
<script type="application/ld+json">
{"@context":"http://schema.org","@graph":[{"@type":"Person","address":{"@type":"PostalAddress","addressLocality":"Greater Oslo Region","addressCountry":"NO"},"alumniOf":[{"@type":"Organization","name":"Nordlys Code School","location":"Bergen, Vestland, Norway","member":{"@type":"OrganizationRole","description":"Taught the evening web course.","startDate":"2019-01","endDate":"2021-05"}},{"@type":"EducationalOrganization","name":"University of Bergen","member":{"@type":"OrganizationRole","startDate":2014,"endDate":2018}}],"jobTitle":["Learning Programme Team Lead"],"name":"Matteo Brandão Lindqvist","sameAs":"https://no.linkedin.com/in/matteo-brandao-lindqvist","url":"https://no.linkedin.com/in/matteo-brandao-lindqvist","worksFor":[{"@type":"Organization","name":"Fjellvik Academy","url":"https://no.linkedin.com/company/fjellvik-academy","location":"Oslo Metropolitan Area","member":{"@type":"OrganizationRole","description":"I run the academy's data and backend tracks.","startDate":"2021-06"}}],"description":"Teacher turned backend developer turned teacher again.<br><br>I run the data and backend tracks at Fjellvik Academy."},{"@type":"WebPage","url":"https://no.linkedin.com/in/matteo-brandao-lindqvist","reviewedBy":{"@type":"Person","name":"Matteo Brandão Lindqvist"}}]}
</script>
<style>.top-card-layout{display:flex}</style>
</head>
<body dir="ltr">
<header class="nav">
  <nav class="nav__main"><a class="nav__logo-link" href="https://no.linkedin.com/?trk=public_profile_nav-header-logo">LinkedIn</a>
    <a class="nav__button-tertiary" href="https://www.linkedin.com/signup/cold-join?trk=public_profile_nav-header-join">Join now</a>
    <a class="nav__button-secondary" href="https://www.linkedin.com/login?trk=public_profile_nav-header-signin">Sign in</a>
  </nav>
</header>
<main class="main" id="main-content" role="main">
<section class="core-rail mx-auto papabear:w-core-rail-width">
<section class="profile">
<section class="top-card-layout container-lined overflow-hidden babybear:rounded-[0px]">
<figure class="cover-img min-h-[87px] papabear:min-h-[100px]"><img class="cover-img__image" alt="" src="https://media.example.com/cover.jpg"></figure>
<div class="top-card-layout__card relative p-2 papabear:p-details-container-padding">
<img class="inline-block relative rounded-[50%] w-16 h-16 top-card-layout__entity-image" alt="Matteo Brandão Lindqvist" src="https://media.example.com/photo.jpg">
<div class="top-card-layout__entity-info-container flex flex-wrap papabear:flex-nowrap">
 <div class="top-card-layout__entity-info flex-grow flex-shrink-0 basis-0 babybear:flex-none babybear:w-full">
 <button class="cursor-pointer hover:bg-color-background-none-tint-hover" data-modal="public_profile_top-card_title-modal-id">
 <h1 class="top-card-layout__title font-sans text-lg papabear:text-xl font-bold leading-open text-color-text mb-0">
 Matteo Brandão Lindqvist
 </h1>
 </button>
<div class="contextual-sign-in-modal top-card-layout__title-modal">
<div id="public_profile_top-card_title-modal-id" class="modal modal--contextual-sign-in">
 <section aria-modal="true" role="dialog" class="max-h-full modal__wrapper overflow-auto p-0 bg-color-surface">
 <h2 class="contextual-sign-in-modal__context-screen-title font-sans text-xl text-color-text my-2 mx-4 text-center">
 Sign in to view Matteo’s full profile
 </h2>
 </section>
</div>
</div>
        <h2 class="top-card-layout__headline break-words font-sans text-md leading-open text-color-text">
            Learning Lead, Data Mentor &amp; Backend Dev at Fjellvik Academy
        </h2>
        <h3 class="top-card-layout__first-subline font-sans text-md leading-open text-color-text-low-emphasis">
<div class="profile-info-subheader">
<div class="not-first-middot">
  <span>Greater Oslo Region</span>
  <span><a class="top-card-link" href="https://no.linkedin.com/company/fjellvik-academy">Fjellvik Academy</a></span>
</div>
</div>
        </h3>
        <h4 class="top-card-layout__second-subline font-sans text-sm leading-open text-color-text-low-emphasis mt-0.5">
<div class="not-first-middot"><span>812 followers</span> <span>500+ connections</span></div>
        </h4>
 </div>
</div>
</div>
</section>
<div class="core-section-container__main-content">
<section class="core-section-container my-3 core-section-container--with-border border-b-1 border-solid border-color-border-faint m-0 py-3 pp-section summary" data-section="summary">
<h2 class="core-section-container__title section-title">
 About
</h2>
<div class="core-section-container__content break-words">
<p>Teacher turned backend developer turned teacher again.<br><br>I run the data and backend tracks at Fjellvik Academy.</p>
</div>
</section>
<section class="core-section-container my-3 core-section-container--with-border border-b-1 border-solid border-color-border-faint m-0 py-3 pp-section experience" data-section="experience">
<h2 class="core-section-container__title section-title">
 Experience
</h2>
<div class="core-section-container__content break-words">
<ul class="experience__list">
<li class="profile-section-card relative flex w-full list-none py-1.5 pr-2 pl-1 experience-item" data-section="currentPositionsDetails">
 <a class="profile-section-card__image-link" href="https://no.linkedin.com/company/fjellvik-academy?trk=public_profile_experience-item_profile-section-card_image-click">
<img class="inline-block relative w-6 h-6 profile-section-card__image" alt="Fjellvik Academy Graphic" data-delayed-url="https://media.example.com/fjellvik.png">
 </a>
<div class="pl-0.5 grow break-words">
<h3 class="[&amp;>*]:mb-0 text-[18px] text-color-text leading-regular group-hover:underline font-semibold">
<span class="experience-item__title">
 Learning Programme Team Lead
</span>
</h3>
 <h4 class="text-color-text text-md [&amp;>*]:mb-0 not-first-middot leading-[1.75]">
 <a class="relative hover:underline link-styled" href="https://no.linkedin.com/company/fjellvik-academy?trk=public_profile_experience-item_profile-section-card_subtitle-click">
<span class="experience-item__subtitle">
 Fjellvik Academy
</span>
 </a>
 </h4>
<div class="text-color-text-low-emphasis text-md [&amp;>*]:mb-0">
 <p class="experience-item__meta-item">
<span class="date-range text-color-text-secondary font-sans text-md leading-open font-regular">
 <time>Jun 2021</time> - Present
 <span class="before:middot">2 years 10 months</span>
</span>
 </p>
 <p class="experience-item__meta-item">
 Oslo Metropolitan Area
 </p>
 <div class="experience-item__meta-item" data-section="currentPositions">
<div class="show-more-less-text">
<p class="show-more-less-text__text--less">
I run the academy's data and backend tracks and hire the teachers for both.
 </p>
 </div>
 </div>
</div>
</div>
</li>
<li class="profile-section-card relative flex w-full list-none py-1.5 pr-2 pl-1 experience-item" data-section="pastPositionsDetails">
<div class="pl-0.5 grow break-words">
<h3 class="[&amp;>*]:mb-0 text-[18px] text-color-text leading-regular group-hover:underline font-semibold">
<span class="experience-item__title">
 Evening Course Teacher
</span>
</h3>
 <h4 class="text-color-text text-md [&amp;>*]:mb-0 not-first-middot leading-[1.75]">
<span class="experience-item__subtitle">
 Nordlys Code School
</span>
 </h4>
<div class="text-color-text-low-emphasis text-md [&amp;>*]:mb-0">
 <p class="experience-item__meta-item">
<span class="date-range text-color-text-secondary font-sans text-md leading-open font-regular">
 <time>Jan 2019</time> - <time>May 2021</time>
 <span class="before:middot">2 years 5 months</span>
</span>
 </p>
 <p class="experience-item__meta-item">
 Bergen, Vestland, Norway
 </p>
</div>
</div>
</li>
</ul>
</div>
</section>
<section class="core-section-container my-3 core-section-container--with-border border-b-1 border-solid border-color-border-faint m-0 py-3 pp-section education" data-section="educationsDetails">
<h2 class="core-section-container__title section-title">
 Education
</h2>
<div class="core-section-container__content break-words">
<ul class="education__list">
<li class="profile-section-card relative flex w-full list-none py-1.5 pr-2 pl-1 education__list-item">
<div class="pl-0.5 grow break-words">
<h3 class="[&amp;>*]:mb-0 text-[18px] text-color-text leading-regular group-hover:underline font-semibold">
 University of Bergen
</h3>
<h4 class="text-color-text text-md [&amp;>*]:mb-0 not-first-middot leading-[1.75]">
<span class="mb-0.5">Bachelor's degree</span>
<span class="mb-0.5">Informatics</span>
</h4>
<div class="text-color-text-low-emphasis text-md [&amp;>*]:mb-0">
<p class="education__item education__item--duration">
<span class="date-range text-color-text-secondary font-sans text-md leading-open font-regular">
 <time>2014</time> - <time>2018</time>
</span>
</p>
</div>
</div>
</li>
</ul>
</div>
</section>
</div>
</section>
</section>
<section class="right-rail papabear:w-right-rail-width papabear:ml-column-gutter">
<section class="aside-section-container mb-4 browsemap">
 <h2 class="aside-section-container__title section-title">
 People also viewed
 </h2>
<div class="aside-section-container__content break-words">
<ul class="show-more-less__list show-more-less__list--no-hidden-elems">
 <li>
<a href="https://no.linkedin.com/in/sigrid-aamodt?trk=public_profile_browsemap-profile" class="base-card relative w-full base-aside-card flex my-1.5 base-aside-card--link">
<div class="base-aside-card__info self-center pl-0.5 flex flex-col flex-1">
 <h3 class="base-aside-card__title font-sans text-md font-bold text-color-text relative">
Sigrid Aamodt
 </h3>
 <p class="base-aside-card__subtitle font-sans text-sm text-color-text leading-open mt-0.5 break-words line-clamp-2">
Building better data teams | Speaker
 </p>
 <div class="base-aside-card__metadata font-sans text-sm leading-open font-regular text-color-text-low-emphasis mt-0.5">
 Oslo
 </div>
 </div>
</a>
 </li>
 <li>
<a href="https://es.linkedin.com/in/rafael-quintero-vidal?trk=public_profile_browsemap-profile" class="base-card relative w-full base-aside-card flex my-1.5 base-aside-card--link">
<div class="base-aside-card__info self-center pl-0.5 flex flex-col flex-1">
 <h3 class="base-aside-card__title font-sans text-md font-bold text-color-text relative">
Rafael Quintero Vidal
 </h3>
 <p class="base-aside-card__subtitle font-sans text-sm text-color-text leading-open mt-0.5 break-words line-clamp-2">
Backend Developer at Puerto Datos
 </p>
 </div>
</a>
 </li>
</ul>
</div>
</section>
</section>
</main>
<footer class="li-footer bg-transparent w-full">
<ul class="li-footer__list flex flex-wrap flex-row items-start justify-start w-full h-auto">
<li class="li-footer__item font-sans text-xs text-color-text-low-emphasis"><span class="sr-only">LinkedIn</span> © 2024</li>
<li class="li-footer__item"><a class="li-footer__item-link" href="https://about.linkedin.com?trk=public_profile_footer-about">About</a></li>
<li class="li-footer__item"><a class="li-footer__item-link" href="https://www.linkedin.com/accessibility?trk=public_profile_footer-accessibility">Accessibility</a></li>
</ul>
</footer>
<div class="contextual-sign-in-modal">
  <p class="contextual-sign-in-modal__join-now">New to LinkedIn? <a href="https://www.linkedin.com/signup/cold-join" class="contextual-sign-in-modal__join-link">Join now</a></p>
</div>
</body></html>`;
