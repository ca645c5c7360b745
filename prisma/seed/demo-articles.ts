// Demo articles written for Marginalia's demo workspace. Original text: every
// person, company and place in them is fictional.

export type DemoArticle = {
  title: string;
  source: string;
  authors: string[];
  publishedAt: string;
  language: string;
  text: string;
};

export const demoArticles: DemoArticle[] = [
  {
    title: "Harbour Authority Delays Vessel Inspections After Cyber Incident",
    source: "The Coastal Ledger",
    authors: ["Mara Quintel"],
    publishedAt: "2025-03-14",
    language: "en",
    text: `The Port of Velmora suspended routine cargo inspections for three days this week after what officials described as “unauthorised activity” on the systems that schedule berths and customs checks.

Director-General Ilse Brandvoort told reporters on Tuesday that no cargo had been released without clearance, but conceded that the authority had fallen back on paper manifests — a process she called “slow, but honest.” The Velmora Customs Service confirmed that 41 container ships were held at anchor while the backlog was cleared.

Two people familiar with the investigation said the intrusion began with a compromised account at Kessler Maritime Logistics, a contractor that maintains the berth-scheduling software. Kessler declined to comment, citing an ongoing review by the national cyber agency, CERT-Velmora.

The incident comes six weeks after the city council approved a €12 million plan to modernise the port’s digital infrastructure. Councillor Tomas Ardelean, who chairs the council’s infrastructure committee, said the plan would now be “reviewed line by line.”

Shipping lines were less patient. A spokesperson for Northwind Carriers said delays had cost the company “several hundred thousand euros” and that it would seek compensation from the authority.`,
  },
  {
    title: "Regional Water Council Agrees Drought Rationing Across Three Provinces",
    source: "Inland Weekly",
    authors: ["Dario Fenwick", "Lucia Okonkwo-Brandt"],
    publishedAt: "2025-07-02",
    language: "en",
    text: `After a ten-hour session in Castrel, the Regional Water Council voted 7–2 to impose staged rationing on farms and cities in the provinces of Alvero, Mendra and Sollis.

Under the agreement, irrigation allowances fall by a fifth from August, and municipal supply is capped at 140 litres per person per day. Council chair Beatriz Hallam called the measure “painful, temporary and necessary,” adding that reservoir levels at the Orlan Dam stood at 23 percent of capacity.

The two votes against came from Mendra’s delegates, who argued that the province’s orchards had already cut usage by a third. “We are being asked to pay twice,” said delegate Ruben Sato. The Mendra Growers’ Cooperative said it would challenge the decision before the administrative court in Castrel.

Environmental groups welcomed the deal but said it came late. The Alvero River Trust pointed to satellite data showing the river’s lower reach had dried for eleven kilometres in June — the longest stretch since records began.

The council will meet again in September to review the rationing tiers.`,
  },
  {
    title: "Parliament Opens Inquiry Into Defence Procurement Contracts",
    source: "The Capital Review",
    authors: ["Hanne Wolverton"],
    publishedAt: "2025-10-21",
    language: "en",
    text: `The Select Committee on Public Accounts has opened an inquiry into how the Ministry of Defence awarded £480 million in radar and communications contracts without competitive tender.

Committee chair Olusegun Marr said documents obtained by the committee showed that three contracts were signed with Aldercrest Systems within a fortnight in 2023. “Urgency can justify speed,” Marr said. “It cannot justify silence.”

Aldercrest Systems said in a statement that it had “complied fully with every requirement” and would cooperate with the inquiry. The company’s chief executive, Priya Lindqvist, is expected to give evidence in December.

Former procurement official Gideon Achterberg, who left the ministry last year, told the committee in written evidence that internal objections had been “noted and set aside.” The ministry said it did not comment on individual personnel matters.

The inquiry will also examine the role of the Defence Equipment Agency and whether its oversight board met as required during the period in question.`,
  },
];
