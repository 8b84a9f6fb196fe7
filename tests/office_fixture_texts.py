"""The documents behind fixtures/docx/ and fixtures/pdf/, in the markup of make_office_fixtures.py.

All are invented, written in the style of real UK council papers (DESIGN §5). Each key is the
file stem used in both folders; `header` and `footer` are the running page header and the second
footer line (the first is always `Page X of Y` from PAGE and NUMPAGES fields).
"""

FILLER_FINDINGS = "\n".join(
    f"@sect:1 {t}"
    for t in [
        "The peer team found a council with a strong commitment to its communities and a well-regarded approach to partnership working through the Tameside Partnership.",
        "The feedback report makes eight recommendations, grouped under the core themes of the challenge, and notes the Council’s progress since its last peer challenge in 2018.",
        "Members of all groups told the peer team that they valued the open relationship with senior officers, and partners described the Council as a reliable and flexible partner.",
        "The peer team also found that the Council’s medium-term financial plan relies on one-off savings, and that the capacity of the corporate centre is stretched.",
    ]
)

FIXTURES = {
    # Word automatic numbering throughout: numbered headings (%1.), numbered report paragraphs
    # (%1.%2) and the recommendations (%1.) with sub-items (%2. in lower roman). Two pages or
    # more, with a running header and a Page X of Y footer, and a recommendation broken by the
    # page break.
    "report-cabinet-auto-numbered-sections-page-break": {
        "header": "Tameside Metropolitan Borough Council – Cabinet, 9 July 2024",
        "footer": "Corporate Peer Challenge – Response and Action Plan",
        "text": """
Report to: CABINET
Date: 9 July 2024
Executive Member: Councillor Ged Cooney – Executive Leader
Reporting Officer: Director of Governance and Pensions
Subject: Corporate Peer Challenge – Response and Action Plan
Tameside Metropolitan Borough Council
Report Summary: The Local Government Association carried out a Corporate Peer Challenge of the Council in March 2024. This report presents the feedback report and the Council’s proposed action plan in response. The peer team spent four days in Tameside and met more than 150 people, including residents, partners, staff and councillors from all groups. Their visit followed a self-assessment by the Senior Leadership Team and a position statement agreed by the Executive Cabinet in February 2024.
The Council welcomes the report. It recognises the strengths the peer team found, including the commitment of staff, the strength of the Tameside Partnership and the Council’s record on regeneration in Ashton-under-Lyne and Hyde, and it accepts all of the recommendations.
The action plan at Appendix 2 sets out how each recommendation will be taken forward, by whom and by when. It has been prepared by the Senior Leadership Team with the Executive Cabinet and will be monitored by the Audit Panel, which will receive a progress report every quarter until the LGA progress review.
The peer team’s findings on the Council’s finances have been taken into account in the medium-term financial plan, and the costs of the actions are set out in section 4 of this report. There are no other direct financial implications arising from the report.
Members are reminded that the feedback report was published on the Council’s website on 30 April 2024, in line with the LGA’s expectation that all peer challenge reports are published, and that the action plan must be published within eight weeks of the report. The LGA will publish the Council’s action plan alongside the feedback report.
The remainder of this report sets out the background to the peer challenge, the peer team’s main findings and the proposed action plan. Appendix 3 lists the people the peer team met, and Appendix 4 sets out the timetable for the progress review, which the LGA expects to hold between twelve and eighteen months after the original visit. The Audit Panel has asked to see the draft action plan before it is finalised, and its comments are reflected in the version at Appendix 2. The recommendations to Cabinet follow.
RECOMMENDED TO CABINET:
@dec:0 That the Corporate Peer Challenge feedback report at Appendix 1 be noted.
@dec:0 That the action plan at Appendix 2 be approved, including:
@dec:1 the creation of a cross-party Member Development Steering Group;
@dec:1 the refresh of the Corporate Plan by March 2025; and
@dec:1 quarterly reporting of progress to the Audit Panel, beginning with the meeting in October 2024, with a summary of the actions completed, the actions in progress and any actions at risk of delay, together with the reasons for any delay and the steps being taken to bring those actions back on track.
@dec:0 That the Chief Executive be authorised to agree the date of the progress review with the LGA.
Corporate Plan: The action plan supports all priorities of the Corporate Plan.
Financial Implications: There are no direct financial implications arising from the report. Any costs of implementing the action plan will be met from existing budgets.
Legal Implications: There is no statutory requirement to undertake a peer challenge.
Risk Management: Failure to respond to the peer challenge would present a reputational risk.
# @sect:0 INTRODUCTION
@sect:1 The Council invited the LGA to undertake a Corporate Peer Challenge as part of its commitment to continuous improvement.
@sect:1 The peer team was on site from 11 to 14 March 2024 and spoke to over 150 people.
# @sect:0 THE PEER CHALLENGE FINDINGS
"""
        + FILLER_FINDINGS
        + """
# @sect:0 ACTION PLAN
@sect:1 An action plan has been prepared by the Senior Leadership Team.
@sect:1 Each recommendation has an executive lead and a named officer lead.
@sect:1 The LGA will carry out a progress review within twelve to eighteen months.
# @sect:0 FINANCIAL IMPLICATIONS
@sect:1 The cost of the Member Development Steering Group is estimated at £8,000 a year and will be met from the Democratic Services budget.
""",
    },
    # Minutes with resolutions numbered automatically as (i), (ii) … restarting in each minute,
    # typed minute numbers, ligature characters, £ and curly quotes.
    "minutes-resolved-auto-roman-restart-ligatures": {
        "header": "Cabinet – 11 December 2024",
        "footer": "",
        "text": """
Cabinet – Minutes
Cheshire West and Chester Council
Meeting held on Wednesday 11 December 2024 at 10.00 am in the Council Chamber, HQ, Chester
Present: Councillor Louise Gittins (Chair); Councillors Richard Beacham, Karen Shore, Matt Bryan, Carol Gahan, Nicole Meardon and Adam Langan.
76\tAPOLOGIES FOR ABSENCE
Apologies were received from Councillor Christine Warner.
77\tDECLARATIONS OF INTEREST
No declarations of interest were made.
78\tLEISURE CENTRE DECARBONISATION PROGRAMME
The Cabinet Member for Climate Emergency introduced a report seeking approval for a programme of heat pump and solar installations at ﬁve leisure centres. The programme would cut carbon emissions from the leisure estate by an estimated 1,900 tonnes a year and reduce the Council’s energy bills by £310,000 a year.
RESOLVED THAT:
@proman:0 the Leisure Centre Decarbonisation Programme set out in Appendix A be approved;
@proman:0 a capital budget of £4.2m be added to the Capital Programme, funded from the Public Sector Decarbonisation Scheme grant and prudential borrowing; and
@proman:0 the Director of Place be authorised to award the works contracts following the procurement process.
REASON: To reduce carbon emissions from the Council’s leisure estate and lower its energy costs.
79\tLIBRARY SERVICE REVIEW
The Cabinet Member for Communities presented the outcome of the consultation on the future of the library service, to which 3,412 people had responded. She explained that no library would close and that the proposed changes concerned “opening hours only”, with more ﬂexible access through the library app.
RESOLVED THAT:
@proman!:0 the outcome of the public consultation be noted; and
@proman:0 the revised opening hours set out in Appendix 2 be approved with effect from 1 April 2025.
REASON: To deliver a sustainable library service within the approved budget.
80\tEXCLUSION OF THE PUBLIC
RESOLVED THAT:
under Section 100A(4) of the Local Government Act 1972, the public be excluded from the meeting for the following item on the grounds that it involves the likely disclosure of exempt information as deﬁned in paragraph 3 of Part 1 of Schedule 12A to the Act.
REASON: The public interest in maintaining the exemption outweighs the public interest in disclosing the information.
The meeting ended at 11.40 am.
""",
    },
    # A peer challenge feedback report: recommendations numbered through a paragraph style
    # ("Recommendation %1:"), set in two columns; themes numbered 1.–5.; bullets; a tracker
    # table whose No. column is numbered automatically.
    "cpc-feedback-style-numbering-two-columns-tracker": {
        "header": "LGA Corporate Peer Challenge – Gedling Borough Council",
        "footer": "",
        "text": """
Corporate Peer Challenge Feedback Report
Gedling Borough Council
Date: 19 July 2024
On-site: 14th – 17th May 2024
# 1. Executive summary
Gedling Borough Council is a well-run council with a strong sense of purpose and a clear commitment to its communities. Residents told the peer team that they value the borough’s parks, leisure centres and the responsiveness of frontline staff.
# 2. Key recommendations
---cols2---
There are a number of observations and suggestions within the main section of the report. The following are the peer team’s key recommendations to the council:
@@rec Refresh the Gedling Plan so that it sets out a small number of measurable outcomes for residents and is owned by partners across the borough.
@@rec Develop a clear narrative of place that explains the council’s ambitions for Arnold, Carlton and Netherfield town centres.
@@rec Strengthen the role of scrutiny by agreeing a focused work programme linked to the council’s priorities.
@@rec Refresh the member development programme, including induction for new councillors after the 2027 elections.
@@rec Agree a long-term ﬁnancial plan that closes the budget gap forecast for 2026/27 onwards without relying on reserves.
@@rec Review the capital programme to ensure that schemes are deliverable and properly resourced.
@@rec Invest in programme and project management capacity so that major regeneration schemes are delivered on time.
@@rec Develop a workforce strategy that tackles recruitment and retention in hard-to-ﬁll posts, particularly in planning and environmental health.
@@rec Accelerate the digital programme so that more services can be accessed online at a time convenient to residents.
---cols1---
# 3. Summary of the peer challenge approach
The peer team considered the following five themes which form the core components of all Corporate Peer Challenges:
@dec:0 Local priorities and outcomes
@dec:0 Organisational and place leadership
@dec:0 Governance and culture
@dec:0 Financial planning and management
@dec:0 Capacity for improvement
The peers were:
@bullet:0 Chief Executive peer: Helen Marsh, Chief Executive, Erewash Borough Council
@bullet:0 Member peer: Councillor Tom Birch, Leader, Rushcliffe Borough Council
# 4. Next steps
The council will publish an action plan within eight weeks and the LGA will arrange a progress review within twelve months. The council’s initial response is set out below.
Draft action plan (July 2024)
| No. | Recommendation | Action | Lead | Status
| @tbl:0 | Rec 1 | Hold partner workshops to agree an outcomes framework | Chief Executive | Planned
| @tbl:0 | Rec 2 | Commission a place narrative with town centre partners | Director of Place | Not started
| @tbl:0 | Rec 3 | Agree a revised scrutiny work programme for 2024/25 | Head of Governance | In progress
| @tbl:0 | Rec 5 | Prepare savings proposals for the 2025/26 budget | Chief Finance Officer | In progress
| @tbl:0 | Rec 8 | Launch a market supplement review for planning posts | Head of HR | Planned
""",
    },
    # A decision sheet with A) and A: numbered automatically (upper-case letters), and tracked
    # changes in the DOCX: an insertion kept and a deletion dropped.
    "decision-sheet-upper-letters-tracked-changes": {
        "header": "Cornwall Council – Cabinet Decision Sheet",
        "footer": "",
        "text": """
Cabinet Decision Sheet
Cornwall Council
Cabinet meeting held on Wednesday 16 October 2024, Lys Kernow, Truro
This sheet records the decisions taken at the meeting. The decisions will come into force, and may be implemented, on the expiry of five working days after publication unless they are called in. Publication date: 18 October 2024.
Item 5: Declarations of Interest
None were declared.
Item 6: Cornwall Local Transport Plan 2024–2040
Cabinet AGREED:
@uletter:0 to adopt the Local Transport Plan 2024–2040 set out in {-Appendix 3-}{+Appendix 1+};
@uletter:0 to delegate authority to the Strategic Director for Economic Growth and Development, in consultation with the Portfolio Holder for Transport, to make minor amendments before publication; and
@uletter:0 to note the summary of consultation responses in Appendix 2{+ and the equality impact assessment in Appendix 3+}.
Reason for decision: The current plan expires in 2025 and the Council is required to have a Local Transport Plan under the Transport Act 2000.
Item 7: Corporate Peer Challenge – Action Plan
Cabinet AGREED:
@ucolon:0 to endorse the action plan responding to the peer team’s eight recommendations; and
@ucolon:0 that progress against the plan be reported to the Customer and Support Services Overview and Scrutiny Committee in {-twelve-}{+six+} months’ time.
Reason for decision: To respond publicly to the peer challenge within the timescale agreed with the Local Government Association.
Contact: Democratic Services, democratic.services@cornwall.gov.uk
""",
    },
    # Minutes with labels typed by hand (no Word numbering): 1. discussion points, (a)
    # resolutions, a) oral reports; indented paragraphs.
    "minutes-typed-labels-lettered": {
        "header": "Health and Wellbeing Board – 23 January 2025",
        "footer": "",
        "text": """
Minutes of the Health and Wellbeing Board
Sheffield City Council
Thursday 23 January 2025, Town Hall, Sheffield
Present: Councillor Angela Argenzio (Co-Chair), Emma Latimer (Co-Chair), Greg Fell, Meredith Dixon-Teasdale, Councillor Joe Otten and Lucy Davies.
**1.\tWELCOME AND APOLOGIES**
> The Co-Chair welcomed everyone to the meeting. Apologies were received from Kate Josephs.
**2.\tDECLARATIONS OF INTEREST**
> There were no declarations of interest.
**3.\tJOINT LOCAL HEALTH AND WELLBEING STRATEGY REFRESH**
> The Director of Public Health presented the draft refreshed strategy, which proposed four ambitions and a stronger focus on the gap in healthy life expectancy between the most and least deprived neighbourhoods.
> The following points were raised in discussion:
> 1.\twhether the targets for healthy life expectancy were realistic within ten years;
> 2.\thow the voluntary sector would be involved in delivering the ambitions;
> 3.\tthe need to align the strategy with the Integrated Care Partnership’s plans.
> It was RESOLVED that:
> (a)\tthe draft Joint Local Health and Wellbeing Strategy be endorsed for public consultation;
> (b)\tpartners be asked to identify a lead officer for each of the four ambitions; and
> (c)\tthe final strategy be brought back to the Board in June 2025 for approval.
**4.\tORAL UPDATES**
> The Board received oral reports on:
> a)\tthe Integrated Care Board’s winter plan, from the Place Director;
> b)\tthe priorities of Healthwatch Sheffield for 2025, from its Chief Executive;
> c)\tthe Better Care Fund quarter 3 return, from the Director of Adult Care.
> It was RESOLVED that the oral updates be noted.
**5.\tDATE OF NEXT MEETING**
> The next meeting will be held on Thursday 27 March 2025 at 2.00 pm.
""",
    },
    # An officer report: a borderless key/value table at the top, recommendations numbered
    # 1. with sub-items 1), 2) (Word numbering, two levels), report paragraphs typed as 1.1.
    "report-mayor-nested-decimal-close-paren": {
        "header": "London Borough of Croydon",
        "footer": "",
        "text": """
LONDON BOROUGH OF CROYDON
| REPORT: | CABINET
| DATE OF DECISION: | 22 January 2025
| REPORT TITLE: | Housing Improvement Plan – Progress Update
| LEAD MEMBER: | Cabinet Member for Homes
# 1\tSUMMARY OF REPORT
1.1\tThis report updates the Executive Mayor in Cabinet on progress with the Housing Improvement Plan agreed in July 2023, and proposes revised milestones for the stock condition survey.
1.2\tOf the 72 actions in the plan, 41 are complete, 24 are on track and 7 are delayed.
# 2\tRECOMMENDATIONS
For the reasons set out in the report, the Executive Mayor in Cabinet is asked to:
@mayor:0 Note the progress made in delivering the Housing Improvement Plan since July 2024.
@mayor:0 Approve the revised milestones for the stock condition survey, namely:
@mayor:1 completion of surveys of all high-rise blocks by 31 March 2025; and
@mayor:1 completion of surveys of all remaining homes by 31 December 2025.
@mayor:0 Agree that the Housing Improvement Board continues to meet monthly until the end of 2025.
# 3\tREASONS FOR RECOMMENDATIONS
3.1\tThe Regulator of Social Housing expects the Council to hold accurate data on the condition of all its homes. The original milestone of October 2024 was not met because the survey contractor’s mobilisation was delayed.
""",
    },
    # A decision notice with i., ii., iii. in Word numbering (lower roman with a full stop).
    "decision-notice-lower-roman-dot": {
        "header": "Leeds City Council – Executive Board",
        "footer": "",
        "text": """
Executive Board – Decision Notice
Leeds City Council
Date of decision: 18 September 2024
Item 8: Inclusive Growth Strategy – Annual Update
Report author: Chief Officer, Economic Development
Summary of report
The report set out progress in the second year of the Inclusive Growth Strategy 2023–2030, including the number of residents supported into work, the growth of the city’s creative sector and investment in the South Bank.
Decision Made: That
@romandot:0 the progress made in delivering the Inclusive Growth Strategy during 2023/24 be noted;
@romandot:0 the refreshed Inclusive Growth Strategy delivery plan for 2024/25 be approved; and
@romandot:0 the Chief Officer, Economic Development be responsible for reporting progress to the Executive Board in September 2025.
Reasons for the decision: To maintain momentum on the city’s inclusive growth ambitions and to keep Members informed of progress.
Call-in deadline: 5.00 pm, Thursday 26 September 2024
""",
    },
    # A recommendation tracker (No. / Recommendation / Action / Status) whose cells wrap over
    # several lines, with (1), (2) recommendations to the committee.
    "action-plan-tracker-wrapped-cells": {
        "header": "Bassetlaw District Council – Audit and Governance Committee",
        "footer": "Corporate Peer Challenge Action Plan – Progress Report",
        "text": """
Audit and Governance Committee – 24 April 2025
Corporate Peer Challenge Action Plan – Progress Report
Bassetlaw District Council
Report of the Head of Corporate Services
# 1. Recommendations
That the Committee:
@pdec:0 notes the progress made against the Corporate Peer Challenge action plan; and
@pdec:0 agrees that the next update be reported in October 2025.
# 2. Summary of Progress
The action plan contains 8 actions. At the end of March 2025, 3 are complete, 3 in progress and 2 not yet started. The table below shows the position on each action.
| No. | Recommendation | Action | Status
| 1 | Set out measurable outcomes in the Council Plan | Publish a refreshed Council Plan with outcome measures agreed with partners and residents | Complete
| 2 | Strengthen risk management | Replace the legacy risk register with the new risk system and train all managers in the revised framework | Completed
| 3 | Improve scrutiny | Introduce pre-decision scrutiny of key decisions | In progress
| 4 | Member development | Deliver the member development programme, including mentoring for new councillors | Ongoing
| 5 | Financial sustainability | Produce a five-year Medium Term Financial Plan | On track
| 6 | Workforce | Develop a workforce strategy | Not started
| 7 | Workforce | Agree a market supplement policy for hard-to-fill posts | Outstanding
| 8 | Place leadership | Commission a place narrative for Bassetlaw with town centre partners | Done
A progress review with the LGA is expected in June 2025.
""",
    },
}
